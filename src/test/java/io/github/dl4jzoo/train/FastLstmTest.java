package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Java LSTM against DL4J's own per-time-step loop: same seed, same batches, parameters after 30 Adam steps and
 * inference outputs equal within 1e-5 relative, for the shapes of lstm-rows (tanh, a classifier; here with a second
 * stacked LSTM so the epsilon passed between layers is checked too) and lstm-forecast (relu, a regressor). The
 * arithmetic is DL4J's per element; the weight gradients are summed over the time steps in one GEMM instead of one
 * GEMM per step, which changes float rounding only (differences of the order of 1e-7).
 */
class FastLstmTest {
    private static final int STEPS = 30;
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    /** lstm-rows in small: LSTM(s) over rows, the last step, softmax; or lstm-forecast: LSTM(relu), Dense(1). */
    private static MultiLayerNetwork net(boolean classifier, int... units) {
        int nIn = classifier ? 7 : 1, steps = classifier ? 7 : 12;
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(123)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(classifier ? 1e-2 : 1e-3))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        for (int i = 0; i < units.length; i++) {
            LSTM lstm = new LSTM.Builder()
                    .nOut(units[i])
                    .activation(classifier ? Activation.TANH : Activation.RELU)
                    .build();
            list.layer(i == units.length - 1 ? new LastTimeStep(lstm) : lstm);
        }
        MultiLayerConfiguration conf = list.layer(
                        classifier
                                ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                        .nOut(4)
                                        .activation(Activation.SOFTMAX)
                                        .build()
                                : new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .nOut(1)
                                        .activation(Activation.IDENTITY)
                                        .build())
                .setInputType(InputType.recurrent(nIn, steps))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static List<INDArray[]> batches(boolean classifier, int count) {
        Nd4j.getRandom().setSeed(7);
        int nIn = classifier ? 7 : 1, steps = classifier ? 7 : 12, batch = classifier ? 12 : 8;
        List<INDArray[]> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, nIn, steps);
            INDArray y;
            if (classifier) {
                y = Nd4j.zeros(DataType.FLOAT, batch, 4);
                for (int i = 0; i < batch; i++) {
                    y.putScalar(i, (i * 3 + b) % 4, 1f);
                }
            } else {
                y = x.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(steps - 1))
                        .reshape(batch, 1)
                        .mul(0.9)
                        .add(0.1);
            }
            out.add(new INDArray[] {x, y});
        }
        return out;
    }

    private static void fit(MultiLayerNetwork net, List<INDArray[]> batches) {
        for (INDArray[] b : batches) {
            net.fit(b[0], b[1]);
        }
    }

    /** max |a - b| over max |a|. */
    private static double relative(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / a.amaxNumber().doubleValue();
    }

    private static org.deeplearning4j.nn.layers.recurrent.LSTM lstm(MultiLayerNetwork net, int index) {
        Layer l = net.getLayer(index);
        return (org.deeplearning4j.nn.layers.recurrent.LSTM) (l instanceof BaseWrapperLayer w ? w.getUnderlying() : l);
    }

    /** Bytes of working memory the helper allocated: more than 0 once it has computed a forward pass itself. */
    private static long used(MultiLayerNetwork net, int index) {
        return lstm(net, index).getHelper().helperMemoryUse().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private void checkAgainstDl4j(boolean classifier, int... units) throws IOException {
        List<INDArray[]> data = batches(classifier, STEPS);
        MultiLayerNetwork dl4j = net(classifier, units);
        MultiLayerNetwork fast = net(classifier, units);
        assertEquals(dl4j.params(), fast.params(), "same seed, same initial parameters");
        assertNull(lstm(dl4j, 0).getHelper(), "DL4J's own loop on this machine");
        assertEquals(units.length, FastLstm.install(fast));
        assertEquals(units.length, FastLstm.install(fast), "installing twice changes nothing");

        fit(dl4j, data);
        fit(fast, data);
        for (int i = 0; i < units.length; i++) {
            assertTrue(used(fast, i) > 0, "layer " + i + " was computed by the helper");
        }
        double moved = relative(dl4j.params(), net(classifier, units).params());
        assertTrue(moved > 1e-2, "training moved the parameters (" + moved + ")");
        double diff = relative(dl4j.params(), fast.params());
        assertTrue(diff <= TOLERANCE, "parameters after " + STEPS + " Adam steps: relative difference " + diff);

        INDArray probe = batches(classifier, STEPS + 1).get(STEPS)[0];
        INDArray expected = dl4j.output(probe, false);
        double out = relative(expected, fast.output(probe, false));
        assertTrue(out <= TOLERANCE, "inference outputs: relative difference " + out);
        System.out.printf(
                "FastLstm against DL4J's loop (%s): parameters %.1e, outputs %.1e relative%n",
                classifier ? "tanh classifier" : "relu forecaster", diff, out);

        // Saved: a plain DL4J model (no zoo class named in it), which DL4J's own loop runs to the same outputs.
        File zip = dir.resolve("lstm.zip").toFile();
        ModelSerializer.writeModel(fast, zip, true);
        assertFalse(fast.getLayerWiseConfigurations().toJson().contains("dl4jzoo"));
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(zip, true);
        assertSame(
                org.deeplearning4j.nn.layers.recurrent.LSTM.class,
                lstm(loaded, 0).getClass());
        assertNull(lstm(loaded, 0).getHelper(), "the helper is not part of the saved model");
        assertEquals(fast.params(), loaded.params());
        double reloaded = relative(fast.output(probe, false), loaded.output(probe, false));
        assertTrue(reloaded <= TOLERANCE, "outputs of the reloaded model: relative difference " + reloaded);
    }

    @Test
    void rowsClassifierWithTanhMatchesDl4j() throws IOException {
        checkAgainstDl4j(true, 9, 6);
    }

    @Test
    void forecasterWithReluMatchesDl4j() throws IOException {
        checkAgainstDl4j(false, 10);
    }

    /** The gates' sigmoid against 1/(1+exp(-x)) in double, every 1e-4 over [-30, 30]: saturated beyond. */
    @Test
    void sigmoidIsWithin2e7OfTheLogistic() {
        int n = 600_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -30f + i * 1e-4f;
        }
        float[] y = x.clone();
        FastLstm.sigmoid(y, 0, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(y[i] - 1 / (1 + Math.exp(-(double) x[i]))));
        }
        assertTrue(worst <= 2e-7, "largest difference " + worst);
        assertTrue(worst > 0, "an approximation, not the exact function");
        float[] ends = {-1e30f, 0f, 1e30f};
        FastLstm.sigmoid(ends, 0, 3);
        assertEquals(0f, ends[0], 2e-7f);
        assertEquals(0.5f, ends[1]);
        assertEquals(1f, ends[2], 2e-7f);
    }

    @Test
    void maskedSequencesAreLeftToDl4j() {
        List<INDArray[]> data = batches(true, 5);
        MultiLayerNetwork dl4j = net(true, 5);
        MultiLayerNetwork fast = net(true, 5);
        FastLstm.install(fast);
        for (INDArray[] b : data) {
            INDArray mask = Nd4j.ones(DataType.FLOAT, b[0].size(0), b[0].size(2));
            mask.putScalar(0, 6, 0f);
            dl4j.fit(new org.nd4j.linalg.dataset.DataSet(b[0], b[1], mask, null));
            fast.fit(new org.nd4j.linalg.dataset.DataSet(b[0], b[1], mask, null));
        }
        assertEquals(0, used(fast, 0), "a masked batch never reaches the helper");
        assertEquals(dl4j.params(), fast.params());
    }

    @Test
    void switchedOffByProperty() {
        System.setProperty("dl4jzoo.javaLstm", "false");
        try {
            MultiLayerNetwork net = net(true, 5);
            assertEquals(0, FastLstm.install(net));
            assertNull(lstm(net, 0).getHelper());
        } finally {
            System.clearProperty("dl4jzoo.javaLstm");
        }
    }
}
