package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.Datasets;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/** The statistics of one step of the notes' backprop example, whose gradient is worked out by hand. */
class GradientStatsTest {
    /** DOUBLE goes through ND4J's reductions, FLOAT through the Java loop that training in FLOAT uses. */
    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            names = {"DOUBLE", "FLOAT"})
    void oneStepOfTheWorkedExampleGivesTheHandWorkedNormsAndRatios(DataType type) {
        double exact = type == DataType.DOUBLE ? 1e-12 : 1e-6;
        Recipe recipe = Registry.load(Path.of("models"))
                .get(
                        "xor",
                        List.of(
                                "task=regression",
                                "arch={hidden: [3], activation: identity}",
                                "output={units: 1, activation: identity, loss: mse}",
                                "weightInit=ones",
                                "updater={type: sgd, lr: 0.1}"));
        MultiLayerNetwork net = new MultiLayerNetwork(Networks.configuration(recipe, type));
        net.init();
        GradientStats stats = new GradientStats();
        net.addListeners(stats);
        DataSet xor = Datasets.builtIn("xor");
        net.fit(new DataSet(xor.getFeatures().castTo(type), xor.getLabels().castTo(type)));

        List<GradientStats.Row> rows = stats.endEpoch(1, net);
        assertEquals(2, rows.size());
        GradientStats.Row hidden = rows.get(0), output = rows.get(1);
        assertEquals("dense1", hidden.layer());
        assertEquals("output", output.layer());
        // gradient of the mean loss: dense1 W = 4 (x6), b = 5 (x3); output W = 8 (x3), b = 5
        assertEquals(Math.sqrt(6 * 16 + 3 * 25), hidden.gradientL2(), exact);
        assertEquals(Math.sqrt(3 * 64 + 25), output.gradientL2(), exact);
        // after the step: dense1 W = 0.6 (x6), b = -0.5 (x3); output W = 0.2 (x3), b = -0.5
        assertEquals(Math.sqrt(6 * 0.36 + 3 * 0.25), hidden.parameterL2(), exact);
        assertEquals(Math.sqrt(3 * 0.04 + 0.25), output.parameterL2(), exact);
        // updates 0.1 x gradient: mean |update| / mean |parameter| = (6 x 0.4 + 3 x 0.5) / (6 x 0.6 + 3 x 0.5)
        assertEquals((6 * 0.4 + 3 * 0.5) / (6 * 0.6 + 3 * 0.5), hidden.updateRatio(), exact);
        assertEquals((3 * 0.8 + 0.5) / (3 * 0.2 + 0.5), output.updateRatio(), exact);
    }
}
