package io.github.dl4jzoo.arch;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;

/**
 * A multilayer perceptron: fully connected hidden layers, then the output layer. Serves the image MLPs (on
 * flattened pixels), the windowed forecaster and the teaching networks (XOR, the 2-layer sigmoid net).
 * Dropout, when the recipe sets it, applies to the inputs of every layer after the first (Hinton et al. 2012,
 * "Improving neural networks by preventing co-adaptation of feature detectors": hidden units only).
 *
 * <p>Table: {@code arch: {hidden: [256, 128], activation: relu}}; {@code hidden: []} (no activation) is a
 * linear model.
 */
public record Mlp(List<Dense> hidden) implements Arch {
    public static final String FAMILY = "mlp";

    public Mlp {
        hidden = List.copyOf(hidden);
    }

    /** Reads {@code family: mlp}. */
    public static final class Reader implements Family {
        @Override
        public String name() {
            return FAMILY;
        }

        @Override
        public Arch read(Fields arch) {
            List<Integer> hidden = arch.integers("hidden", 1, true);
            ActivationFunction activation = hidden.isEmpty() ? null : arch.activation("activation");
            return new Mlp(
                    hidden.stream().map(u -> new Dense(u, activation, null)).toList());
        }
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<ActivationFunction> activations() {
        return hidden.stream().map(Dense::activation).toList();
    }

    @Override
    public long parameterCount(Recipe.Input input, Recipe.Output output) {
        flatInput(input, FAMILY);
        long total = 0;
        long inputs = input.size();
        for (Dense d : hidden) {
            total += d.parameterCount(inputs);
            inputs = d.units();
        }
        return total + inputs * output.units() + output.units();
    }

    @Override
    public long flops(Recipe.Input input, Recipe.Output output) {
        long total = 0;
        long inputs = input.size();
        for (Dense d : hidden) {
            total += d.flops(inputs);
            inputs = d.units();
        }
        return total + Networks.outputFlops(inputs, output);
    }

    /** Fully connected layers take a vector, or an image they flatten; a sequence would be read step by step. */
    public static void flatInput(Recipe.Input input, String family) {
        if (input instanceof Recipe.Input.Sequence) {
            throw new RecipeException("input: expected {features} or {channels, height, width} for family " + family);
        }
    }

    @Override
    public ListBuilder layers(NeuralNetConfiguration.Builder common, Recipe recipe) {
        double dropout = recipe.regularization().dropout();
        ListBuilder list = common.list();
        for (int i = 0; i < hidden.size(); i++) {
            list.layer(hidden.get(i).layer("dense" + (i + 1), i == 0 ? 0 : dropout));
        }
        return list.layer(Networks.outputLayer(recipe, hidden.isEmpty() ? 0 : dropout));
    }

    @Override
    public void source(LayerSource out, Recipe recipe) {
        double dropout = recipe.regularization().dropout();
        for (int i = 0; i < hidden.size(); i++) {
            hidden.get(i).source(out, "dense" + (i + 1), i == 0 ? 0 : dropout);
        }
        Networks.outputSource(out, recipe, hidden.isEmpty() ? 0 : dropout);
    }
}
