package io.github.dl4jzoo.arch;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.WeightInit;

/** A fully connected hidden layer. {@code weightInit} is null where the recipe's global init applies. */
public record Dense(int units, ActivationFunction activation, WeightInit weightInit) {

    public long parameterCount(long inputs) {
        return inputs * units + units;
    }

    public long flops(long inputs) {
        return 2L * inputs * units;
    }

    /** @param dropout probability of dropping each of this layer's inputs (0 for none) */
    public DenseLayer layer(String name, double dropout) {
        DenseLayer.Builder b = new DenseLayer.Builder().name(name).nOut(units).activation(activation.create());
        if (weightInit != null) {
            b.weightInit(weightInit);
        }
        if (dropout > 0) {
            b.dropOut(1 - dropout); // DL4J takes the probability of keeping a unit
        }
        return b.build();
    }

    /** {@link #layer} as builder source. */
    public void source(LayerSource out, String name, double dropout) {
        out.layer("new " + out.type(DenseLayer.class) + ".Builder()")
                .call("name(\"" + name + "\")")
                .call("nOut(" + units + ")")
                .call("activation(" + out.activation(activation) + ")");
        if (weightInit != null) {
            out.call("weightInit(" + out.weightInit(weightInit) + ")");
        }
        if (dropout > 0) {
            out.call("dropOut(" + out.keepProbability() + ")");
        }
        out.build();
    }
}
