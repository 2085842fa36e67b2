package io.github.dl4jzoo.arch;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;

/**
 * The linear score function f(x) = Wx + b and nothing else: one output layer. With softmax and cross-entropy it
 * is multinomial logistic regression; with the multiclass hinge loss it is a linear SVM (CS231n, "Linear
 * classification"). The loss, and so which of the two it is, comes from the recipe's {@code output}. It has no
 * {@code arch} table.
 */
public record LinearClassifier() implements Arch {
    public static final String FAMILY = "linear";

    /** Reads {@code family: linear}. */
    public static final class Reader implements Family {
        @Override
        public String name() {
            return FAMILY;
        }

        @Override
        public Arch read(Fields arch) {
            return new LinearClassifier();
        }
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public java.util.List<ActivationFunction> activations() {
        return java.util.List.of();
    }

    @Override
    public long parameterCount(Recipe.Input input, Recipe.Output output) {
        Mlp.flatInput(input, FAMILY);
        return (long) input.size() * output.units() + output.units();
    }

    @Override
    public long flops(Recipe.Input input, Recipe.Output output) {
        return Networks.outputFlops(input.size(), output);
    }

    @Override
    public ListBuilder layers(NeuralNetConfiguration.Builder common, Recipe recipe) {
        return common.list().layer(Networks.outputLayer(recipe, 0));
    }

    @Override
    public void source(LayerSource out, Recipe recipe) {
        Networks.outputSource(out, recipe, 0);
    }
}
