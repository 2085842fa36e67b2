package io.github.dl4jzoo.train;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * What a run prints, as Keras' {@code verbose}: 0 nothing; 1 a progress bar with loss, throughput and ETA,
 * redrawn in place on a terminal and one plain line per epoch elsewhere (logs, CI); 2 one line per epoch.
 */
final class Progress implements TrainingListener {
    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final int verbose;
    private final int epochs;
    private final String name;
    private final boolean terminal = System.console() != null;
    private int epoch;
    private long expectedBatches;
    private long lastDraw;

    Progress(PrintWriter out, int verbose, int epochs, String name) {
        this.out = out;
        this.verbose = verbose;
        this.epochs = epochs;
        this.name = name;
    }

    @Override
    public void onEpochStart(TrainingContext c) {
        this.epoch = c.epoch();
        this.expectedBatches = c.expectedBatches();
    }

    @Override
    public void onBatchEnd(TrainingContext c) {
        bar(c.batch(), c.epochLoss(), c.samples(), c.seconds());
    }

    @Override
    public void onEpochEnd(TrainingContext c) {
        endEpoch(c.lastEpoch());
    }

    /** A run rolled back says why; other stops show in the summary a command prints. */
    @Override
    public void onTrainingEnd(TrainingContext c) {
        if (c.rolledBack()) {
            message(name + ": " + c.stopReason().orElseThrow());
        }
    }

    private void bar(long batches, double loss, long samples, double seconds) {
        if (verbose != 1 || !terminal || expectedBatches <= 0 || System.nanoTime() - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = System.nanoTime();
        double done = Math.min(1, (double) batches / expectedBatches);
        int filled = (int) (done * BAR_WIDTH);
        double eta = seconds / batches * Math.max(0, expectedBatches - batches);
        String bar =
                "=".repeat(filled) + (filled < BAR_WIDTH ? ">" : "") + " ".repeat(Math.max(0, BAR_WIDTH - filled - 1));
        out.print(String.format(
                Locale.ROOT,
                "\r%s epoch %d/%d [%s] %3.0f%% loss %.4f %,.0f samples/s ETA %d:%02d ",
                name,
                epoch + 1,
                epochs,
                bar,
                done * 100,
                loss,
                samples / seconds,
                (long) eta / 60,
                (long) eta % 60));
        out.flush();
    }

    private void endEpoch(EpochStats s) {
        if (verbose == 0) {
            return;
        }
        StringBuilder line = new StringBuilder(
                String.format(Locale.ROOT, "%s epoch %d/%d  loss %.4f", name, s.epoch(), epochs, s.trainLoss()));
        if (!Double.isNaN(s.validationLoss())) {
            line.append(String.format(
                    Locale.ROOT, "  val_loss %.4f  val_metric %.4f", s.validationLoss(), s.validationMetric()));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f samples/s  %.1f s", s.samplesPerSecond(), s.seconds()));
        out.print((verbose == 1 && terminal ? "\r" : "") + line + (verbose == 1 && terminal ? " ".repeat(20) : "")
                + "\n");
        out.flush();
    }

    private void message(String line) {
        if (verbose > 0) {
            out.println(line);
            out.flush();
        }
    }
}
