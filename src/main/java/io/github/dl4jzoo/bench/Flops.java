package io.github.dl4jzoo.bench;

import io.github.dl4jzoo.arch.ConvNet;
import io.github.dl4jzoo.arch.Dense;
import io.github.dl4jzoo.arch.LinearClassifier;
import io.github.dl4jzoo.arch.Lstm;
import io.github.dl4jzoo.arch.Mlp;
import io.github.dl4jzoo.arch.Recipe;

/**
 * Forward floating-point operations per example, from the layer shapes: a multiply-add counts 2. Dense:
 * 2 in out; convolution: 2 k^2 c_in c_out h_out w_out; LSTM: 2 x 4 gates x units x (inputs + units) per step.
 * Activations, pooling and biases are left out (they are a few percent at most). Training costs about 3 times
 * the forward pass (forward, gradient of the inputs, gradient of the weights).
 */
public final class Flops {
    public static final int TRAINING_PASSES = 3;

    private Flops() {}

    public static long forward(Recipe r) {
        long outputs = r.output().units();
        if (r.arch() instanceof LinearClassifier) {
            return 2L * r.input().size() * outputs;
        }
        if (r.arch() instanceof Mlp mlp) {
            return dense(
                    r.input().size(), mlp.hidden().stream().map(Dense::units).toList(), outputs);
        }
        if (r.arch() instanceof ConvNet cnn) {
            Recipe.Input.Image in = (Recipe.Input.Image) r.input();
            long c = in.channels(), h = in.height(), w = in.width(), total = 0;
            for (ConvNet.Stage s : cnn.stages()) {
                if (s instanceof ConvNet.Conv conv) {
                    h = h - conv.kernel() + 1;
                    w = w - conv.kernel() + 1;
                    total += 2L * conv.kernel() * conv.kernel() * c * conv.filters() * h * w;
                    c = conv.filters();
                } else if (s instanceof ConvNet.Pool p) {
                    h /= p.size();
                    w /= p.size();
                }
            }
            return total
                    + dense(c * h * w, cnn.dense().stream().map(Dense::units).toList(), outputs);
        }
        Lstm lstm = (Lstm) r.arch();
        Recipe.Input.Sequence seq = (Recipe.Input.Sequence) r.input();
        long inputs = seq.features(), total = 0;
        for (int units : lstm.units()) {
            total += 2L * 4 * units * (inputs + units) * seq.steps();
            inputs = units;
        }
        return total + 2L * inputs * outputs;
    }

    private static long dense(long inputs, java.util.List<Integer> hidden, long outputs) {
        long total = 0;
        for (int units : hidden) {
            total += 2L * inputs * units;
            inputs = units;
        }
        return total + 2L * inputs * outputs;
    }
}
