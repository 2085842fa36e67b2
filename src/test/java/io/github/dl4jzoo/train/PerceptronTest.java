package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.arch.ActivationStep;
import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The perceptron recipe: the learning rule fits what a line separates, and backprop moves nothing. */
class PerceptronTest {
    private static final Registry REGISTRY = Registry.load(Path.of("models"));
    private static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final int MAX_EPOCHS = 1000;

    private static DataSet gate(float... targets) {
        float[][] y = new float[4][1];
        for (int i = 0; i < 4; i++) {
            y[i][0] = targets[i];
        }
        return new DataSet(Nd4j.createFromArray(INPUTS), Nd4j.createFromArray(y));
    }

    private static final DataSet AND = gate(0, 0, 0, 1);
    private static final DataSet OR = gate(0, 1, 1, 1);
    private static final DataSet XOR = gate(0, 1, 1, 0);

    private static Recipe perceptron() {
        return REGISTRY.get("perceptron");
    }

    private static double[] outputs(MultiLayerNetwork net, DataSet data) {
        return net.output(data.getFeatures()).toDoubleVector();
    }

    private static double[] targets(DataSet data) {
        return data.getLabels().toDoubleVector();
    }

    @Test
    void theRuleReachesAllFourRowsOfAndAndOr() {
        for (DataSet gate : List.of(AND, OR)) {
            MultiLayerNetwork net = Networks.build(perceptron());
            int[] mistakes = new PerceptronRule(net, perceptron().updater().learningRate()).train(gate, MAX_EPOCHS);
            assertEquals(0, mistakes[mistakes.length - 1], "mistakes per epoch " + Arrays.toString(mistakes));
            assertArrayEquals(targets(gate), outputs(net, gate), 0.0, "the network's own output after training");
        }
    }

    @Test
    void theRuleNeverGetsXorRight() {
        MultiLayerNetwork net = Networks.build(perceptron());
        int[] mistakes = new PerceptronRule(net, perceptron().updater().learningRate()).train(XOR, MAX_EPOCHS);
        assertEquals(MAX_EPOCHS, mistakes.length);
        assertTrue(Arrays.stream(mistakes).allMatch(m -> m > 0), Arrays.toString(mistakes));
        double[] out = outputs(net, XOR);
        assertNotEquals(Arrays.toString(targets(XOR)), Arrays.toString(out), "no line separates XOR");
    }

    /** DL4J's own gradient of the loss is exactly zero for every parameter, and fit() leaves them unchanged. */
    @Test
    void backpropagationGetsAGradientOfExactlyZeroAndNeverMovesTheWeights() {
        MultiLayerNetwork net = Networks.build(perceptron());
        INDArray before = net.params().dup();
        net.setInput(AND.getFeatures());
        net.setLabels(AND.getLabels());
        net.computeGradientAndScore();
        assertTrue(net.score() > 0, "some rows are wrong, so the loss is not zero: " + net.score());
        INDArray gradient = net.gradient().gradient();
        assertEquals(net.numParams(), gradient.length());
        for (double g : gradient.toDoubleVector()) {
            assertEquals(0.0, Math.abs(g), "every component of the gradient: " + gradient);
        }
        for (int i = 0; i < 50; i++) {
            net.fit(AND);
        }
        assertEquals(before, net.params(), "50 steps of gradient descent");
    }

    @Test
    void aSavedPerceptronLoadsWithItsStepActivation(@TempDir Path dir) throws IOException {
        MultiLayerNetwork net = Networks.build(perceptron());
        new PerceptronRule(net, 0.1).train(OR, MAX_EPOCHS);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, true);

        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertTrue(loaded.getLayerWiseConfigurations().toJson().contains(ActivationStep.class.getName()));
        assertEquals(net.params(), loaded.params());
        assertArrayEquals(targets(OR), outputs(loaded, OR), 0.0);
    }
}
