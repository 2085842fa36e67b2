package io.github.dl4jzoo.bench;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.DataFile;
import io.github.dl4jzoo.data.Idx;
import io.github.dl4jzoo.data.Layout;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.FastDense;
import io.github.dl4jzoo.train.FastLstm;
import io.github.dl4jzoo.train.FastUpdaters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J side of the PyTorch peer comparison (../shared/peer/pytorch_peer.py): the four peer recipes' networks,
 * the same IDX files, the same batches (in file order, pre-built in memory), the same warm-up convention
 * (the first {@code warmup} batches are trained but not timed) and the same RESULT line.
 *
 * <p>Usage: {@code PeerRun <mlp|lenet|keras|lstm> [warmup=20] [maxBatches=-1]}; env FM_DIR as the peer;
 * {@code -Dpeer.seed=N} initialises the network from seed N instead of the recipe's (src/bench/accuracy-seeds.sh).
 * Engine settings come from {@link Engine#configure()}; {@code -Ddl4jzoo.engine=naive}
 * turns them all off.
 */
public final class PeerRun {
    private static final int SIDE = 28;
    private static final int CLASSES = 10;

    private PeerRun() {}

    public static void main(String[] args) throws IOException {
        String model = args.length > 0 ? args[0] : "mlp";
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int maxBatches = args.length > 2 ? Integer.parseInt(args[2]) : -1;
        Path dir = Path.of(System.getenv().getOrDefault("FM_DIR", "/usr/share/datasets/fashion-mnist"));
        System.out.println("INFO engine " + Engine.configure());

        MultiLayerNetwork net = new MultiLayerNetwork(build(model));
        net.init();
        FastUpdaters.install(net);
        FastLstm.install(net);
        FastDense step = FastDense.of(net);
        String why = FastDense.unsupported(net);
        System.out.println("INFO fast dense step "
                + (step.active() ? "on" : "off: " + (why == null ? "-Ddl4jzoo.fastDense=false" : why)));
        int batch = batchSize(model);
        long t0 = System.nanoTime();
        List<INDArray[]> train = load(dir, "train", batch, model);
        List<INDArray[]> test = load(dir, "t10k", 1000, model);
        System.out.printf(
                "INFO data load %.2f s, %d train batches, params=%d%n",
                (System.nanoTime() - t0) / 1e9, train.size(), net.numParams());

        int nb = maxBatches > 0 ? Math.min(maxBatches, train.size()) : train.size();
        long cpu0 = cpuNanos();
        t0 = System.nanoTime();
        long tw = t0;
        long cw = cpu0;
        long timedSamples = 0;
        // -Dpeer.epochs=N (exploration only): N passes, timing everything after the first warm-up batches.
        int epochs = Integer.getInteger("peer.epochs", 1);
        for (int i = 0; i < nb * epochs; i++) {
            if (i == warm) {
                tw = System.nanoTime();
                cw = cpuNanos();
            }
            INDArray[] b = train.get(i % nb);
            step.fit(b[0], b[1]);
            if (i >= warm) timedSamples += b[0].size(0);
        }
        long t1 = System.nanoTime();
        double cpu = (cpuNanos() - cw) / 1e9;
        double timed = (t1 - tw) / 1e9;
        double total = (t1 - t0) / 1e9;

        long correct = 0;
        long te0 = System.nanoTime();
        for (INDArray[] b : test) {
            INDArray out = step.output(b[0]);
            correct += out.argMax(1)
                    .eq(b[1].argMax(1))
                    .castTo(DataType.INT)
                    .sumNumber()
                    .longValue();
        }
        double te = (System.nanoTime() - te0) / 1e9;
        String latency = model.equals("mlp") ? " " + singleSampleLatency(net, test.get(0)[0]) : "";
        System.out.printf(
                "RESULT framework=DL4J model=%s batch=%d batches=%d warmup=%d timed_s=%.3f epoch_total_s=%.3f"
                        + " samples_per_s=%.1f test_acc=%.4f eval_samples_per_s=%.1f score=%.4f cpu_s=%.3f"
                        + " peak_rss_mb=%d%s%n",
                model,
                batch,
                nb,
                warm,
                timed,
                total,
                timedSamples / timed,
                correct / 10000.0,
                10000 / te,
                net.score(),
                cpu,
                peakRssMb(),
                latency);
    }

    /** p50/p99 of net.output on one sample [1,784], after 500 warm-up calls. */
    static String singleSampleLatency(MultiLayerNetwork net, INDArray testBatch) {
        int n = 3000;
        long[] t = new long[n];
        for (int i = -500; i < n; i++) {
            INDArray x = testBatch.getRow(Math.floorMod(i, 1000), true);
            long s = System.nanoTime();
            net.output(x, false);
            if (i >= 0) t[i] = System.nanoTime() - s;
        }
        java.util.Arrays.sort(t);
        return String.format("single_p50_ms=%.3f single_p99_ms=%.3f", t[n / 2] / 1e6, t[n * 99 / 100] / 1e6);
    }

    /** VmHWM from /proc/self/status (Linux), -1 elsewhere. */
    static long peakRssMb() {
        try (java.util.stream.Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static int batchSize(String model) {
        return switch (model) {
            case "mlp", "lstm" -> 128;
            case "lenet" -> 64;
            case "keras" -> 100;
            default -> throw new IllegalArgumentException(model);
        };
    }

    /** The zoo recipe that is each peer network (pytorch_peer.py's names on the left). */
    static String recipe(String model) {
        return switch (model) {
            case "mlp" -> "mlp";
            case "lenet" -> "lenet5";
            case "keras" -> "seed-cnn";
            case "lstm" -> "lstm-rows";
            default -> throw new IllegalArgumentException(model);
        };
    }

    /**
     * The network the zoo trains for that recipe, so the comparison measures what users run; seeded by the recipe, or
     * by {@code -Dpeer.seed} as {@code zoo train --seed} would.
     */
    public static MultiLayerConfiguration build(String model) {
        Path models = Path.of(System.getProperty("dl4jzoo.home", "."), "models");
        String seed = System.getProperty("peer.seed");
        List<String> overrides = seed == null ? List.of() : List.of("seed=" + seed);
        return Networks.configuration(Registry.load(models).get(recipe(model), overrides));
    }

    /**
     * Batches in file order, built once: features [b,784] (mlp), [b,1,28,28] (cnn) or [b,28 features,28 steps]
     * (lstm, DL4J's NCW layout; row r of the image is time step r), labels one-hot [b,10].
     */
    static List<INDArray[]> load(Path dir, String split, int batch, String model) {
        byte[] x = Idx.readImages(DataFile.of(dir.resolve(split + "-images-idx3-ubyte.gz")), SIDE, SIDE)
                .pixels();
        byte[] y = Idx.readLabels(DataFile.of(dir.resolve(split + "-labels-idx1-ubyte.gz")))
                .labels();
        Layout layout = model.equals("mlp") ? Layout.FLAT : model.equals("lstm") ? Layout.SEQUENCE : Layout.IMAGE;
        int n = y.length, pixels = SIDE * SIDE;
        List<INDArray[]> out = new ArrayList<>();
        for (int s = 0; s < n; s += batch) {
            int m = Math.min(batch, n - s);
            // scaled per batch, so the heap never holds the whole set as floats (peak RSS)
            float[] xs = new float[m * pixels];
            for (int i = 0; i < xs.length; i++) xs[i] = (x[s * pixels + i] & 0xff) / 255f;
            INDArray f = layout.arrange(Nd4j.create(xs, new long[] {m, pixels}, 'c'), SIDE, SIDE);
            float[] ls = new float[m * CLASSES];
            for (int i = 0; i < m; i++) ls[i * CLASSES + y[s + i]] = 1f;
            out.add(new INDArray[] {f, Nd4j.create(ls, new long[] {m, CLASSES}, 'c')});
        }
        return out;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
