package io.github.dl4jzoo.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The two tiny networks of the notes learn what the notes say they learn, with the recipes as written. */
class TeachingNetworksTest {
    private static final INDArray TARGETS = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}});

    /** Full-batch gradient descent: one iteration per epoch, as many as the recipe says. */
    private static double[] train(Recipe recipe, DataSet data) {
        MultiLayerNetwork net = Networks.build(recipe);
        double[] losses = new double[recipe.epochs()];
        for (int i = 0; i < recipe.epochs(); i++) {
            net.fit(data);
            losses[i] = net.score();
        }
        double[] out = net.output(data.getFeatures()).toDoubleVector();
        double[] result = new double[losses.length + out.length];
        System.arraycopy(out, 0, result, 0, out.length);
        System.arraycopy(losses, 0, result, out.length, losses.length);
        return result;
    }

    @Test
    void xorIsLearnedOnAllFourRows() {
        Recipe xor = RegistryWalkTest.REGISTRY.get("xor");
        INDArray x = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        double[] r = train(xor, new DataSet(x, TARGETS));
        double[] predicted = {r[0] > 0.5 ? 1 : 0, r[1] > 0.5 ? 1 : 0, r[2] > 0.5 ? 1 : 0, r[3] > 0.5 ? 1 : 0};
        assertArrayEquals(
                new double[] {0, 1, 1, 0},
                predicted,
                "outputs " + java.util.Arrays.toString(java.util.Arrays.copyOf(r, 4)));
    }

    @Test
    void twoLayerSigmoidLossFallsEveryIterationAndEndsWithinATenth() {
        Recipe net = RegistryWalkTest.REGISTRY.get("two-layer-sigmoid");
        assertEquals(1500, net.epochs());
        INDArray x = Nd4j.createFromArray(new float[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}});
        double[] r = train(net, new DataSet(x, TARGETS));
        double[] targets = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(targets[i], r[i], 0.1, "row " + i);
        }
        for (int i = 5; i < r.length; i++) {
            assertTrue(r[i] < r[i - 1], "loss rose at iteration " + (i - 4) + ": " + r[i - 1] + " -> " + r[i]);
        }
    }
}
