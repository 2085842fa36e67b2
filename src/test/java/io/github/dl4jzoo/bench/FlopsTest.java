package io.github.dl4jzoo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jzoo.arch.Registry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Forward FLOPs per example, counted by hand: 2 per multiply-add. */
class FlopsTest {
    private static final Registry REGISTRY = Registry.load(Path.of("models"));

    @Test
    void denseLayers() {
        assertEquals(2L * (784 * 256 + 256 * 128 + 128 * 10), Flops.forward(REGISTRY.get("mlp"))); // 469,504
        assertEquals(2L * 784 * 10, Flops.forward(REGISTRY.get("linear-softmax")));
    }

    @Test
    void convolutionsCountEveryOutputPosition() {
        long conv1 = 2L * 5 * 5 * 1 * 20 * 24 * 24; // 28 - 5 + 1 = 24
        long conv2 = 2L * 5 * 5 * 20 * 50 * 8 * 8; // pooled to 12, 12 - 5 + 1 = 8
        long dense = 2L * (50 * 4 * 4 * 500 + 500 * 10);
        assertEquals(conv1 + conv2 + dense, Flops.forward(REGISTRY.get("lenet5")));
    }

    @Test
    void lstmCountsFourGatesPerStep() {
        assertEquals(2L * 4 * 64 * (28 + 64) * 28 + 2L * 64 * 10, Flops.forward(REGISTRY.get("lstm-rows")));
    }
}
