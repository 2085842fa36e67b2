package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Java-loop updaters against DL4J's own native ones: same seed, same batches, parameters equal within 1e-5
 * relative after many steps; a model trained with them saves as plain DL4J, loads with ModelSerializer alone,
 * gives the same outputs, and plain DL4J continues training it to the same parameters.
 */
class FastUpdatersTest {
    private static final int STEPS = 60;

    @TempDir
    Path dir;

    private static MultiLayerNetwork net(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .l2(1e-4)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(20)
                        .nOut(32)
                        .activation(Activation.RELU)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nOut(16)
                        .activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(20))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static List<INDArray[]> batches(int count) {
        Nd4j.getRandom().setSeed(7);
        List<INDArray[]> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            INDArray x = Nd4j.randn(DataType.FLOAT, 16, 20);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, 3);
            for (int i = 0; i < 16; i++) {
                labels.putScalar(i, (i * 7 + b) % 3, 1f);
            }
            out.add(new INDArray[] {x, labels});
        }
        return out;
    }

    private static void fit(MultiLayerNetwork net, List<INDArray[]> batches) {
        for (INDArray[] b : batches) {
            net.fit(b[0], b[1]);
        }
    }

    /** max |a - b| over max |a|: the relative difference of two parameter vectors. */
    private static double relative(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / a.amaxNumber().doubleValue();
    }

    private void checkAgainstDl4j(IUpdater updater) throws IOException {
        List<INDArray[]> data = batches(STEPS);
        MultiLayerNetwork dl4j = net(updater.clone());
        MultiLayerNetwork fast = net(updater.clone());
        assertEquals(dl4j.params(), fast.params(), "same seed, same initial parameters");
        assertEquals(1, FastUpdaters.install(fast), "one updater block, now the Java loop");
        fit(dl4j, data);
        fit(fast, data);
        double moved = relative(dl4j.params(), net(updater.clone()).params());
        assertTrue(moved > 1e-2, "training moved the parameters (" + moved + ")");
        double diff = relative(dl4j.params(), fast.params());
        assertTrue(diff <= 1e-5, updater.getClass().getSimpleName() + ": relative difference " + diff);
        assertTrue(
                relative(
                                dl4j.getUpdater().getStateViewArray(),
                                fast.getUpdater().getStateViewArray())
                        <= 1e-5,
                "the updater state is DL4J's, in DL4J's layout");

        // Saved: a plain DL4J model naming DL4J's own updater, with the same outputs.
        File zip = dir.resolve(updater.getClass().getSimpleName() + ".zip").toFile();
        ModelSerializer.writeModel(fast, zip, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(zip, true);
        assertInstanceOf(
                updater.getClass(),
                ((BaseLayer) loaded.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater());
        INDArray probe = data.get(0)[0];
        assertEquals(fast.output(probe, false), loaded.output(probe, false));

        // Resumed by plain DL4J (native updater) and by the fast path: the same parameters again.
        List<INDArray[]> more = batches(STEPS + 20).subList(STEPS, STEPS + 20);
        fit(loaded, more);
        fit(fast, more);
        double resumed = relative(loaded.params(), fast.params());
        assertTrue(resumed <= 1e-5, "resumed by plain DL4J: relative difference " + resumed);
    }

    @Test
    void adamMatchesDl4jAndResumesInPlainDl4j() throws IOException {
        checkAgainstDl4j(new Adam(1e-2));
    }

    @Test
    void nesterovsMatchesDl4jAndResumesInPlainDl4j() throws IOException {
        checkAgainstDl4j(new Nesterovs(0.05, 0.9));
    }
}
