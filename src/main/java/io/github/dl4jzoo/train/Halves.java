package io.github.dl4jzoo.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Splits a loop over {@code [0, total)} in two halves and runs the second on a helper thread, for {@link FastConv}'s
 * step and {@link FastDense}'s inference (the batch's rows) on a machine with a second core. The halves write disjoint
 * outputs (GEMM columns or rows, im2col rows, channels) and the split point depends only on the size, so a run is
 * reproducible; in the conv step OpenBLAS blocks half a GEMM differently from the whole, so the last bits differ from
 * one thread's ({@code FastDenseTest} holds both to DL4J's fit), while inference's rows come out the same bits. If
 * the helper has not started its half when the caller has finished the first, the caller runs it too: on a busy
 * machine the split costs two atomic operations, not a wait for the scheduler. On by default with two processors or
 * more (quiet machine, full Fashion-MNIST epoch: seed-cnn 9.6k to 13.1k, lenet5 3.9k to 5.4k samples/s;
 * src/bench/FINDINGS.md, Round 4); {@code -Ddl4jzoo.convThreads=1} or {@code -Ddl4jzoo.engine=naive} keeps one
 * thread.
 */
final class Halves {
    private Halves() {}

    interface Part {
        void run(int from, int to);
    }

    /** Halves the helper ran (tests check that it ran). */
    static final AtomicLong HELPED = new AtomicLong();

    static boolean on() {
        return Engine.convThreads() == 2;
    }

    private static final Executor HELPER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dl4jzoo-conv-helper");
        t.setDaemon(true);
        return t;
    });

    /** part(0, mid) here and part(mid, total) on the helper, or both here when off or when total is below 2. */
    static void run(int total, Part part) {
        int mid = total / 2;
        if (mid == 0 || !on()) {
            part.run(0, total);
            return;
        }
        AtomicBoolean claimed = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        HELPER.execute(() -> {
            if (!claimed.compareAndSet(false, true)) return;
            try {
                part.run(mid, total);
                HELPED.incrementAndGet();
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                done.countDown();
            }
        });
        part.run(0, mid);
        if (claimed.compareAndSet(false, true)) {
            part.run(mid, total);
            return;
        }
        boolean interrupted = false;
        while (done.getCount() > 0) {
            try {
                done.await(); // the helper writes into the caller's buffers: wait for it even when interrupted
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure[0] instanceof RuntimeException r) throw r;
        if (failure[0] instanceof Error e) throw e;
        if (failure[0] != null) throw new IllegalStateException(failure[0]);
    }
}
