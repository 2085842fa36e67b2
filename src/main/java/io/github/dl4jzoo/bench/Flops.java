package io.github.dl4jzoo.bench;

import io.github.dl4jzoo.arch.Arch;
import io.github.dl4jzoo.arch.Recipe;

/**
 * Floating-point operations of a recipe's network, for GFLOP/s. Each family counts its forward pass
 * ({@link Arch#flops}); training costs about 3 times the forward pass (forward, gradient of the inputs, gradient
 * of the weights).
 */
public final class Flops {
    public static final int TRAINING_PASSES = 3;

    private Flops() {}

    /** Forward FLOPs for one example, as the recipe's family counts them ({@link Arch#flops}). */
    public static long forward(Recipe r) {
        return r.arch().flops(r.input(), r.output());
    }
}
