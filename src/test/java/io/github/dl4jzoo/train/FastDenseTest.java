package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.DataFile;
import io.github.dl4jzoo.data.Idx;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fast dense step against DL4J's own {@code fit}: from the same seed and the same batches, parameters, updater
 * state, score and iteration count after {@value #STEPS} iterations agree within 1e-5 relative. They are not
 * bit-identical by design: the elementwise work (exp, tanh, the bias and loss sums) runs in Java, whose float
 * rounding and summation order differ from libnd4j's in the last bit; the GEMMs are the same OpenBLAS calls.
 */
class FastDenseTest {
    private static final int STEPS = 30;
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    /** An mlp-like classifier (ReLU, tanh, softmax/MCXENT) or an mlp-forecast-like regressor (identity/MSE). */
    private static MultiLayerNetwork net(boolean regressor, double l2, boolean adam) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(adam ? new Adam(1e-2) : new Nesterovs(0.05, 0.9))
                .l2(l2)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        if (regressor) {
            b.layer(new DenseLayer.Builder()
                            .nOut(50)
                            .activation(Activation.RELU)
                            .build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                            .nOut(1)
                            .activation(Activation.IDENTITY)
                            .build());
        } else {
            b.layer(new DenseLayer.Builder()
                            .nOut(32)
                            .activation(Activation.RELU)
                            .build())
                    .layer(new DenseLayer.Builder()
                            .nOut(16)
                            .activation(Activation.TANH)
                            .build())
                    .layer(new DenseLayer.Builder()
                            .nOut(16)
                            .activation(Activation.SIGMOID)
                            .build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .nOut(5)
                            .activation(Activation.SOFTMAX)
                            .build());
        }
        MultiLayerConfiguration conf =
                b.setInputType(InputType.feedForward(regressor ? 12 : 20)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Random batches of 16 rows (the last one of 7, as an epoch's last batch), one-hot or real targets. */
    private static List<INDArray[]> batches(int count, boolean regressor) {
        Nd4j.getRandom().setSeed(7);
        List<INDArray[]> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            int rows = b == count - 1 ? 7 : 16;
            INDArray x = Nd4j.randn(DataType.FLOAT, rows, regressor ? 12 : 20);
            INDArray y;
            if (regressor) {
                y = x.sum(true, 1).reshape(rows, 1).muli(0.3).addi(1);
            } else {
                y = Nd4j.zeros(DataType.FLOAT, rows, 5);
                for (int i = 0; i < rows; i++) {
                    y.putScalar(i, (i * 7 + b) % 5, 1f);
                }
            }
            out.add(new INDArray[] {x, y});
        }
        return out;
    }

    /** max |a - b| over max |a|. */
    private static double relative(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / a.amaxNumber().doubleValue();
    }

    /**
     * Batches of 16 real images (the last of 7) from the embedded Fashion-MNIST sample, from image {@code from} on,
     * {@code [n, 1, 28, 28]} scaled to [0, 1] (their flat background gives max pooling its ties), labels one-hot.
     */
    private static List<INDArray[]> images(int from, int count) {
        Path sample = Path.of("src/main/resources/io/github/dl4jzoo/data/fashion-mnist-sample");
        byte[] x = Idx.readImages(DataFile.of(sample.resolve("train-images-idx3-ubyte.gz")), 28, 28)
                .pixels();
        byte[] y = Idx.readLabels(DataFile.of(sample.resolve("train-labels-idx1-ubyte.gz")))
                .labels();
        List<INDArray[]> out = new ArrayList<>();
        for (int b = 0, at = from * 16; b < count; b++, at += 16) {
            int rows = b == count - 1 ? 7 : 16;
            float[] pixels = new float[rows * 784];
            for (int i = 0; i < pixels.length; i++) pixels[i] = (x[at * 784 + i] & 0xff) / 255f;
            INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, 10);
            for (int i = 0; i < rows; i++) labels.putScalar(i, y[at + i], 1f);
            out.add(new INDArray[] {Nd4j.create(pixels, new long[] {rows, 1, 28, 28}, 'c'), labels});
        }
        return out;
    }

    private static MultiLayerNetwork recipe(String name) {
        return Networks.build(Registry.load(Path.of("models")).get(name));
    }

    private void check(boolean regressor, double l2, boolean adam) throws IOException {
        check(
                () -> net(regressor, l2, adam),
                batches(STEPS, regressor),
                batches(STEPS + 10, regressor).subList(STEPS, STEPS + 10),
                false,
                TOLERANCE);
    }

    /**
     * STEPS iterations on {@code data} both ways, then a save, a plain DL4J load and 10 more on {@code more}. Every
     * tenth batch, the fast forward and backward at DL4J's current parameters give DL4J's gradient and score within
     * TOLERANCE. With {@code lockStep}, every fast step starts from DL4J's parameters and updater state, so that what
     * is compared is one step, not two trajectories; parameters and updater state must then agree within {@code
     * stepTolerance}.
     */
    private void check(
            Supplier<MultiLayerNetwork> build,
            List<INDArray[]> data,
            List<INDArray[]> more,
            boolean lockStep,
            double stepTolerance)
            throws IOException {
        MultiLayerNetwork dl4j = build.get();
        MultiLayerNetwork fastNet = build.get();
        FastUpdaters.install(dl4j);
        FastUpdaters.install(fastNet);
        FastDense fast = FastDense.of(fastNet);
        assertTrue(fast.active(), "the network qualifies: " + FastDense.unsupported(fastNet));
        double[] dl4jScores = new double[STEPS], fastScores = new double[STEPS];
        double worstGradient = 0;
        for (int s = 0; s < STEPS; s++) {
            if (s % 10 == 0) {
                worstGradient = Math.max(worstGradient, gradientDifference(build, dl4j, data.get(s)));
            }
            if (lockStep) {
                copyState(dl4j, fastNet);
            }
            dl4j.fit(data.get(s)[0], data.get(s)[1]);
            fast.fit(data.get(s)[0], data.get(s)[1]);
            dl4jScores[s] = dl4j.score();
            fastScores[s] = fastNet.score();
            assertEquals(
                    dl4jScores[s],
                    fastScores[s],
                    TOLERANCE * Math.abs(dl4jScores[s]),
                    "score of iteration " + s + " (DL4J's, with the regularisation term)");
        }
        assertTrue(
                dl4jScores[STEPS - 2] < dl4jScores[0],
                "the loss fell: " + dl4jScores[0] + " -> " + dl4jScores[STEPS - 2]);
        double moved = relative(dl4j.params(), build.get().params());
        assertTrue(moved > 1e-2, "training moved the parameters (" + moved + ")");
        double diff = relative(dl4j.params(), fastNet.params());
        double state = relative(
                dl4j.getUpdater().getStateViewArray(), fastNet.getUpdater().getStateViewArray());
        System.out.printf(
                "FastDenseTest %s: gradient %.2g, parameters %.2g, updater state %.2g (relative)%n",
                dl4j.getLayerWiseConfigurations()
                        .getConf(0)
                        .getLayer()
                        .getClass()
                        .getSimpleName(),
                worstGradient,
                diff,
                state);
        assertTrue(worstGradient <= TOLERANCE, "gradient: relative difference " + worstGradient);
        assertTrue(diff <= stepTolerance, "parameters: relative difference " + diff);
        assertTrue(state <= stepTolerance, "updater state: relative difference " + state);
        assertEquals(dl4j.getIterationCount(), fastNet.getIterationCount(), "DL4J's iteration count");
        assertEquals(STEPS, fastNet.getIterationCount());
        INDArray probe = data.get(0)[0];
        assertTrue(relative(dl4j.output(probe, false), fast.output(probe)) <= stepTolerance, "fast inference");
        assertTrue(relative(fastNet.output(probe, false), fast.output(probe)) <= 1e-6, "fast inference = DL4J's");
        INDArray rows = probe.get(NDArrayIndex.interval(3, 9), NDArrayIndex.all());
        assertTrue(rows.offset() > 0, "a view into the batch");
        assertEquals(fast.output(rows.dup()), fast.output(rows), "a view reads its own rows");

        // Saved with ModelSerializer and loaded by plain DL4J: the same outputs, and plain DL4J continues it.
        File zip = dir.resolve("fast.zip").toFile();
        ModelSerializer.writeModel(fastNet, zip, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(zip, true);
        assertEquals(fastNet.output(probe, false), loaded.output(probe, false));
        assertEquals(STEPS, loaded.getIterationCount(), "the saved iteration count");
        for (INDArray[] b : more) {
            if (lockStep) {
                copyState(loaded, fastNet);
            }
            loaded.fit(b[0], b[1]);
            fast.fit(b[0], b[1]);
        }
        double resumed = relative(loaded.params(), fastNet.params());
        assertTrue(resumed <= stepTolerance, "continued by plain DL4J: relative difference " + resumed);
    }

    private static void copyState(MultiLayerNetwork from, MultiLayerNetwork to) {
        to.setParams(from.params());
        to.getUpdater().getStateViewArray().assign(from.getUpdater().getStateViewArray());
    }

    /** Relative difference of the fast gradient to DL4J's, both at {@code dl4j}'s parameters, on one batch. */
    private static double gradientDifference(
            Supplier<MultiLayerNetwork> build, MultiLayerNetwork dl4j, INDArray[] batch) {
        MultiLayerNetwork copy = build.get();
        copy.setParams(dl4j.params());
        double fastScore = FastDense.of(copy).gradientAndScore(batch[0], batch[1]);
        MultiLayerNetwork reference = build.get();
        reference.setParams(dl4j.params());
        reference.setInput(batch[0]);
        reference.setLabels(batch[1]);
        reference.computeGradientAndScore();
        assertEquals(reference.score(), fastScore, TOLERANCE * reference.score(), "score at the same parameters");
        return relative(reference.getFlattenedGradients(), copy.getFlattenedGradients());
    }

    @Test
    void classifierWithAdamMatchesDl4j() throws IOException {
        check(false, 0, true);
    }

    @Test
    void classifierWithAdamAndL2MatchesDl4j() throws IOException {
        check(false, 1e-3, true);
    }

    @Test
    void regressorWithAdamMatchesDl4j() throws IOException {
        check(true, 0, true);
    }

    @Test
    void regressorWithNesterovsAndL2MatchesDl4j() throws IOException {
        check(true, 1e-3, false);
    }

    /**
     * Inference splits the batch's rows over two threads (Halves): each row is computed as on one thread, so the
     * outputs are the same bits, for a classifier of real images and for a regressor, and both agree with DL4J's own.
     */
    @Test
    void inferenceOnTwoThreadsGivesOneThreadsOutputs() {
        MultiLayerNetwork mlp = recipe("mlp");
        INDArray images = Nd4j.concat(
                0,
                images(0, 8).stream().map(b -> b[0].reshape(b[0].size(0), 784)).toArray(INDArray[]::new));
        MultiLayerNetwork regressor = net(true, 0, true);
        INDArray series = batches(1, true).get(0)[0];
        // about a thousand rows each, so that the helper has time to start before the caller is through its half
        for (var c : List.of(Map.entry(mlp, Nd4j.tile(images, 8, 1)), Map.entry(regressor, Nd4j.tile(series, 32, 1)))) {
            FastDense fast = FastDense.of(c.getKey());
            System.setProperty("dl4jzoo.convThreads", "1");
            long before = Halves.HELPED.get();
            INDArray one;
            try {
                one = fast.output(c.getValue());
                assertEquals(before, Halves.HELPED.get(), "one thread: the helper ran nothing");
            } finally {
                System.clearProperty("dl4jzoo.convThreads");
            }
            System.setProperty("dl4jzoo.convThreads", "2");
            INDArray two = null;
            try {
                // the caller takes the helper's half too if the helper has not started: try until the helper ran one
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (two == null && System.nanoTime() < deadline) {
                    long helped = Halves.HELPED.get();
                    INDArray out = fast.output(c.getValue());
                    if (Halves.HELPED.get() > helped) two = out;
                }
            } finally {
                System.clearProperty("dl4jzoo.convThreads");
            }
            assertNotNull(two, "two threads: the helper thread ran a half within 10 s");
            assertEquals(one, two, "the same bits on one thread and two");
            assertTrue(relative(c.getKey().output(c.getValue(), false), one) <= 1e-6, "DL4J's own output");
        }
    }

    /** {@code --gradients} keeps the fast path, and its per-layer figures are those of DL4J's own fit. */
    @Test
    void gradientStatisticsMatchDl4j() {
        List<INDArray[]> data = batches(10, false);
        MultiLayerNetwork dl4j = net(false, 0, true);
        MultiLayerNetwork fastNet = net(false, 0, true);
        GradientStats dl4jStats = new GradientStats(), fastStats = new GradientStats();
        dl4j.addListeners(dl4jStats);
        fastNet.addListeners(fastStats);
        FastDense fast = FastDense.of(fastNet);
        assertTrue(fast.takes(data.get(0)[0], data.get(0)[1]), "the fast path, with the statistics attached");
        for (INDArray[] b : data) {
            dl4j.fit(b[0], b[1]);
            fast.fit(b[0], b[1]);
        }
        List<GradientStats.Row> expected = dl4jStats.endEpoch(1, dl4j), actual = fastStats.endEpoch(1, fastNet);
        assertEquals(4, actual.size(), "one row per layer");
        for (int i = 0; i < expected.size(); i++) {
            GradientStats.Row e = expected.get(i), a = actual.get(i);
            assertEquals(e.layer(), a.layer());
            assertTrue(e.gradientL2() > 0 && e.updateRatio() > 0, "DL4J measured something: " + e);
            assertEquals(e.gradientL2(), a.gradientL2(), 1e-4 * e.gradientL2(), "gradient L2 of " + e.layer());
            assertEquals(e.parameterL2(), a.parameterL2(), 1e-4 * e.parameterL2(), "parameter L2 of " + e.layer());
            assertEquals(e.updateRatio(), a.updateRatio(), 1e-4 * e.updateRatio(), "update ratio of " + e.layer());
        }
        fastNet.addListeners(new ScoreIterationListener(1));
        assertFalse(fast.takes(data.get(0)[0], data.get(0)[1]), "another DL4J listener sends the batch to DL4J");
    }

    @Test
    void lenet5MatchesDl4j() throws IOException {
        check(() -> recipe("lenet5"), images(0, STEPS), images(STEPS, 10), true, TOLERANCE);
    }

    @Test
    void seedCnnMatchesDl4j() throws IOException {
        check(() -> recipe("seed-cnn"), images(0, STEPS), images(STEPS, 10), true, TOLERANCE);
    }

    @Test
    void convolutionsMatchDl4jOnOneThreadAndTwo() throws IOException {
        // the recipes' tests above run on two threads where the machine has two processors (Halves' default)
        System.setProperty("dl4jzoo.convThreads", "1");
        try {
            long before = Halves.HELPED.get();
            check(() -> recipe("lenet5"), images(0, STEPS), images(STEPS, 10), true, TOLERANCE);
            check(() -> recipe("seed-cnn"), images(0, STEPS), images(STEPS, 10), true, TOLERANCE);
            assertEquals(before, Halves.HELPED.get(), "one thread: the helper ran nothing");
            System.setProperty("dl4jzoo.convThreads", "2");
            check(() -> recipe("seed-cnn"), images(0, STEPS), images(STEPS, 10), true, TOLERANCE);
            assertTrue(Halves.HELPED.get() > before, "two threads: the helper thread ran halves");
        } finally {
            System.clearProperty("dl4jzoo.convThreads");
        }
    }

    @Test
    void convolutionsCanBeSwitchedOff() {
        MultiLayerNetwork net = recipe("seed-cnn");
        assertNull(FastDense.unsupported(net));
        System.setProperty("dl4jzoo.fastConv", "false");
        try {
            assertEquals("convolution layers (-Ddl4jzoo.fastConv=false)", FastDense.unsupported(net));
            assertFalse(FastDense.of(net).active());
        } finally {
            System.clearProperty("dl4jzoo.fastConv");
        }
    }

    @Test
    void unsupportedNetworksGoToDl4j() {
        MultiLayerConfiguration withDropout = new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder()
                        .nOut(8)
                        .dropOut(0.5)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.feedForward(4))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(withDropout);
        net.init();
        assertEquals("layer 0 has dropout", FastDense.unsupported(net));
        assertFalse(FastDense.of(net).active());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 4);
        INDArray y = Nd4j.eye(4).getColumns(0, 1, 2).castTo(DataType.FLOAT);
        FastDense.of(net).fit(x, y);
        assertEquals(1, net.getIterationCount(), "DL4J's fit trained it");

        MultiLayerNetwork plain = net(true, 0, true);
        assertNull(FastDense.unsupported(plain));
        System.setProperty("dl4jzoo.fastDense", "false");
        try {
            assertFalse(FastDense.of(plain).active(), "-Ddl4jzoo.fastDense=false switches it off");
        } finally {
            System.clearProperty("dl4jzoo.fastDense");
        }
        assertNotNull(FastDense.of(plain));
    }
}
