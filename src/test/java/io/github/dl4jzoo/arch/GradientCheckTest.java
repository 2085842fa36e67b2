package io.github.dl4jzoo.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backpropagated gradients against finite differences, in double precision, for shrunken versions of each
 * family (DL4J's gradient check wants plain SGD with lr 1, which it uses to read the raw gradient).
 */
class GradientCheckTest {
    private static final String PLAIN_SGD = "updater={type: sgd, lr: 1.0}";
    private static DataType before;

    @BeforeAll
    static void doublePrecision() {
        before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(before, before);
    }

    private static boolean check(String name, int batch, String... overrides) {
        List<String> sets = new java.util.ArrayList<>(List.of(overrides));
        sets.add(PLAIN_SGD);
        Recipe recipe = RegistryWalkTest.REGISTRY.get(name, sets);
        MultiLayerNetwork net = new MultiLayerNetwork(Networks.configuration(recipe, DataType.DOUBLE));
        net.init();
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(DataType.DOUBLE, RegistryWalkTest.batchShape(recipe.input(), batch));
        int classes = recipe.output().units();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, (i * 7 + 3) % classes, 1.0);
        }
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net)
                .input(x)
                .labels(y)
                .epsilon(1e-6)
                .maxRelError(1e-3)
                .minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    @Test
    void mlp() {
        assertTrue(check("mlp", 4, "input={features: 6}", "arch={hidden: [5, 4], activation: tanh}", "output.units=3"));
    }

    @Test
    void cnn() {
        assertTrue(check(
                "lenet5",
                3,
                "input={channels: 2, height: 9, width: 9}",
                "arch={stages: [{conv: 3, kernel: 3, activation: tanh}, {pool: 2}, {conv: 2, kernel: 2, activation:"
                        + " tanh}], dense: [{units: 4, activation: tanh}]}",
                "output.units=3"));
    }

    @Test
    void lstm() {
        assertTrue(check(
                "lstm-rows",
                3,
                "input={steps: 4, features: 3}",
                "arch={units: [5], activation: tanh}",
                "output.units=3"));
    }

    @Test
    void multiclassHingeLoss() {
        assertTrue(check("linear-svm", 5, "input={features: 6}", "output.units=4", "regularization={l2: 0.01}"));
    }
}
