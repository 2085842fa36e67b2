package io.github.dl4jzoo.bench;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.train.FastDense;
import io.github.dl4jzoo.train.FastLstm;
import io.github.dl4jzoo.train.FastUpdaters;
import io.github.dl4jzoo.train.Latency;
import io.github.dl4jzoo.train.TrainData;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training and inference speed of one recipe, as timm's benchmark.py measures it: batches made before timing,
 * warm-up iterations, then timed iterations, each timed alone; the median with its min and max. Memory is the
 * peak heap in use and resident set sampled during the measurement.
 */
public final class Benchmark {
    /** Distinct batches kept in memory and cycled through, so data preparation is never timed. */
    private static final int DISTINCT_BATCHES = 20;

    private static final int LATENCY_REPEATS = 3;

    /** @param synthetic random inputs of the recipe's shape instead of its dataset */
    public record Settings(int warmup, int iterations, boolean synthetic, Optional<Path> data) {
        public Settings {
            if (warmup < 0 || iterations < 1) {
                throw new IllegalArgumentException(
                        "--warmup >= 0 and --iters >= 1, got " + warmup + " and " + iterations);
            }
        }
    }

    /** Times in milliseconds for one iteration: the median, fastest and slowest. */
    public record Timing(double medianMs, double minMs, double maxMs) {
        static Timing of(double[] ms) {
            double[] s = ms.clone();
            Arrays.sort(s);
            int n = s.length;
            double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
            return new Timing(median, s[0], s[n - 1]);
        }
    }

    public record Result(
            String recipe,
            long parameters,
            int batch,
            Timing train,
            Timing inference,
            double latencyP50Ms,
            double latencyP99Ms,
            long forwardFlopsPerExample,
            long peakHeapBytes,
            long peakResidentBytes) {
        public double trainSamplesPerSecond() {
            return batch / (train.medianMs() / 1e3);
        }

        public double inferenceSamplesPerSecond() {
            return batch / (inference.medianMs() / 1e3);
        }

        /** Training arithmetic per second: forward and backward, at the median iteration. */
        public double trainGflops() {
            return Flops.TRAINING_PASSES * forwardFlopsPerExample * trainSamplesPerSecond() / 1e9;
        }
    }

    private Benchmark() {}

    /** Measures {@code r} at its batch size (override {@code batchSize} in the recipe to change it). */
    public static Result run(Recipe r, Settings s) {
        List<DataSet> batches = s.synthetic() ? synthetic(r) : real(r, s.data());
        MultiLayerNetwork net = Networks.build(r);
        FastUpdaters.install(net);
        FastLstm.install(net);
        FastDense step = FastDense.of(net);
        long[] resident = {Pointer.physicalBytes()};
        long[] heap = {0};

        double[] trainMs = time(s, batches, resident, heap, b -> step.fit(b));
        double[] inferMs = time(s, batches, resident, heap, b -> step.output(b.getFeatures()));
        DataSetIterator one = new ListDataSetIterator<>(List.of(batches.get(0)), r.batchSize());
        double p50 = Double.MAX_VALUE, p99 = Double.MAX_VALUE;
        for (int i = 0; i < LATENCY_REPEATS; i++) { // the best of a few runs: latency is what the machine can do
            double[] l = Latency.millis(net, one);
            p50 = Math.min(p50, l[0]);
            p99 = Math.min(p99, l[1]);
        }
        return new Result(
                r.name(),
                net.numParams(),
                r.batchSize(),
                Timing.of(trainMs),
                Timing.of(inferMs),
                p50,
                p99,
                Flops.forward(r),
                heap[0],
                Math.max(resident[0], Pointer.physicalBytes()));
    }

    private interface Step {
        void on(DataSet batch);
    }

    /** Times each iteration; samples heap in use and the resident set every 10 into {@code heap}, {@code resident}. */
    private static double[] time(Settings s, List<DataSet> batches, long[] resident, long[] heap, Step step) {
        for (int i = 0; i < s.warmup(); i++) {
            step.on(batches.get(i % batches.size()));
        }
        double[] ms = new double[s.iterations()];
        for (int i = 0; i < s.iterations(); i++) {
            DataSet b = batches.get(i % batches.size());
            long t0 = System.nanoTime();
            step.on(b);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (i % 10 == 0) {
                resident[0] = Math.max(resident[0], Pointer.physicalBytes());
                heap[0] = Math.max(
                        heap[0],
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
        }
        return ms;
    }

    /** Full batches of the recipe's training data, in the order of its first epoch. */
    private static List<DataSet> real(Recipe r, Optional<Path> data) {
        DataSetIterator it = TrainData.load(r, data).train();
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext() && out.size() < DISTINCT_BATCHES) {
            DataSet b = it.next();
            if (b.numExamples() == r.batchSize()) {
                out.add(b);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(r.name() + ": its dataset has fewer than " + r.batchSize()
                    + " training examples, one full batch; try --synthetic or a smaller --batch");
        }
        return out;
    }

    private static List<DataSet> synthetic(Recipe r) {
        Nd4j.getRandom().setSeed(r.seed());
        long[] shape = shape(r.input(), r.batchSize());
        List<DataSet> out = new ArrayList<>();
        for (int i = 0; i < DISTINCT_BATCHES; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            INDArray y = Nd4j.zeros(DataType.FLOAT, r.batchSize(), r.output().units());
            for (int j = 0; j < r.batchSize(); j++) {
                y.putScalar(j, (i + j) % r.output().units(), 1f);
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }

    static long[] shape(Recipe.Input input, int batch) {
        if (input instanceof Recipe.Input.Image i) {
            return new long[] {batch, i.channels(), i.height(), i.width()};
        }
        if (input instanceof Recipe.Input.Sequence q) {
            return new long[] {batch, q.features(), q.steps()};
        }
        return new long[] {batch, input.size()};
    }

    /** fp32 GEMM speed of this machine (n x n times n x n), in GFLOP/s: the best of {@code repeats}. */
    public static double gemmGflops(int n, int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n), b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 2; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
