package io.github.dl4jzoo.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Walks the registry: every recipe builds, runs forward on a tiny batch, and has the parameters we count by hand. */
class RegistryWalkTest {
    static final Registry REGISTRY = Registry.load(Path.of("models"));

    /** Counted by hand from the reference shapes: weights (in x out) plus biases, per layer. */
    static final Map<String, Long> HAND_COUNTED = Map.ofEntries(
            Map.entry("linear-softmax", 784L * 10 + 10),
            Map.entry("linear-svm", 784L * 10 + 10),
            Map.entry("mlp", 784L * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10), // 235,146
            Map.entry("mlp-regularized", 784L * 1024 + 1024 + 1024 * 512 + 512 + 512 * 10 + 10),
            // conv 1->20 5x5, conv 20->50 5x5, dense 50*4*4 -> 500, 500 -> 10
            Map.entry("lenet5", 25L * 20 + 20 + 20 * 25 * 50 + 50 + 800 * 500 + 500 + 500 * 10 + 10),
            // conv 1->4 5x5, 4->8 3x3, 8->16 3x3; 28-4=24, 24-2=22, /2=11, 11-2=9, /2=4: dense 16*4*4 -> 128
            Map.entry("seed-cnn", 25L * 4 + 4 + 4 * 9 * 8 + 8 + 8 * 9 * 16 + 16 + 256 * 128 + 128 + 128 * 10 + 10),
            // LSTM: 4 gates x (input weights + recurrent weights + bias)
            Map.entry("lstm-rows", 4L * 64 * (28 + 64 + 1) + 64 * 10 + 10),
            Map.entry("lstm-forecast", 4L * 50 * (1 + 50 + 1) + 50 + 1),
            Map.entry("mlp-forecast", 12L * 50 + 50 + 50 + 1),
            Map.entry("xor", 2L * 3 + 3 + 3 + 1),
            Map.entry("two-layer-sigmoid", 3L * 4 + 4 + 4 + 1),
            Map.entry("perceptron", 2L + 1));

    static Stream<String> recipes() {
        return REGISTRY.names().stream();
    }

    @Test
    void everyRecipeHasAHandCount() {
        assertEquals(HAND_COUNTED.keySet(), Set.copyOf(REGISTRY.names()));
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void buildsRunsForwardAndHasTheHandCountedParameters(String name) {
        Recipe recipe = REGISTRY.get(name);
        MultiLayerNetwork net = Networks.build(recipe);

        INDArray out = net.output(Nd4j.rand(batchShape(recipe.input(), 3)));

        assertArrayEquals(new long[] {3, recipe.output().units()}, out.shape());
        assertFalse(out.isNaN().any() || out.isInfinite().any(), "NaN or infinity in the output");
        assertEquals(HAND_COUNTED.get(name), net.numParams(), "DL4J's count");
        assertEquals(HAND_COUNTED.get(name), recipe.parameterCount(), "the recipe's own count");
        for (int i = 0; i < net.getnLayers(); i++) {
            assertFalse(net.getLayer(i).conf().getLayer().getLayerName().isBlank(), "every layer is named");
        }
    }

    /** DL4J's layouts: images NCHW, sequences [batch, features, steps]. */
    static long[] batchShape(Recipe.Input input, int batch) {
        if (input instanceof Recipe.Input.Image i) {
            return new long[] {batch, i.channels(), i.height(), i.width()};
        }
        if (input instanceof Recipe.Input.Sequence s) {
            return new long[] {batch, s.features(), s.steps()};
        }
        return new long[] {batch, input.size()};
    }

    @Test
    void patternsListWithWildcards() {
        assertEquals(List.of("lenet5"), REGISTRY.list("lenet*"));
        assertEquals(List.of("lstm-forecast", "mlp-forecast"), REGISTRY.list("*forecast*"));
        assertEquals(List.of("linear-softmax", "linear-svm"), REGISTRY.list("linear-s??*"));
        assertEquals(List.of(), REGISTRY.list("resnet*"));
    }

    @Test
    void unknownNamesSuggestTheClosest() {
        assertEquals("unknown recipe 'lenet', did you mean 'lenet5'?", REGISTRY.unknown("lenet"));
        assertEquals("unknown recipe 'seedcnn', did you mean 'seed-cnn'?", REGISTRY.unknown("seedcnn"));
        assertEquals("unknown recipe 'transformer' (zoo list shows them all)", REGISTRY.unknown("transformer"));
    }
}
