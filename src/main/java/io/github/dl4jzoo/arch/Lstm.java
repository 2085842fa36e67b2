package io.github.dl4jzoo.arch;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;

/**
 * Stacked LSTM layers (Hochreiter and Schmidhuber 1997) whose last time step feeds the output layer. As a
 * classifier it reads an image as a sequence of rows; as a forecaster it reads a window of past values and
 * predicts the next one (a Keras-style LSTM forecaster: LSTM(50, relu) then Dense(1)).
 *
 * <p>Table: {@code arch: {units: [64], activation: tanh}}, one LSTM layer per entry of {@code units}.
 */
public record Lstm(List<Integer> units, ActivationFunction activation) implements Arch {
    public static final String FAMILY = "lstm";

    public Lstm {
        units = List.copyOf(units);
    }

    /** Reads {@code family: lstm}. */
    public static final class Reader implements Family {
        @Override
        public String name() {
            return FAMILY;
        }

        @Override
        public Arch read(Fields arch) {
            return new Lstm(arch.integers("units", 1, false), arch.activation("activation"));
        }
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<ActivationFunction> activations() {
        return units.stream().map(u -> activation).toList();
    }

    @Override
    public long parameterCount(Recipe.Input input, Recipe.Output output) {
        long total = 0, inputs = sequence(input).features();
        for (int n : units) {
            // four gates, each with input weights, recurrent weights and a bias (DL4J's LSTM has no peepholes)
            total += 4L * n * (inputs + n + 1);
            inputs = n;
        }
        return total + inputs * output.units() + output.units();
    }

    @Override
    public long flops(Recipe.Input input, Recipe.Output output) {
        Recipe.Input.Sequence seq = sequence(input);
        long total = 0, inputs = seq.features();
        for (int n : units) {
            total += 2L * 4 * n * (inputs + n) * seq.steps();
            inputs = n;
        }
        return total + Networks.outputFlops(inputs, output);
    }

    /** A window is read step by step: {@code steps} time steps of {@code features} values. */
    @Override
    public Recipe.Input windowInput(int steps, int features) {
        return new Recipe.Input.Sequence(steps, features);
    }

    private static Recipe.Input.Sequence sequence(Recipe.Input input) {
        if (!(input instanceof Recipe.Input.Sequence seq)) {
            throw new RecipeException("input: expected {steps, features} for family lstm");
        }
        return seq;
    }

    @Override
    public ListBuilder layers(NeuralNetConfiguration.Builder common, Recipe recipe) {
        ListBuilder list = common.list();
        for (int i = 0; i < units.size(); i++) {
            LSTM lstm = new LSTM.Builder()
                    .name("lstm" + (i + 1))
                    .nOut(units.get(i))
                    .activation(activation.create())
                    .build();
            boolean last = i == units.size() - 1;
            list.layer(last ? new LastTimeStep(lstm) : lstm);
        }
        return list.layer(Networks.outputLayer(recipe, recipe.regularization().dropout()));
    }

    /** The last LSTM layer is wrapped in LastTimeStep: the output layer sees only the final step. */
    @Override
    public void source(LayerSource out, Recipe recipe) {
        for (int i = 0; i < units.size(); i++) {
            boolean last = i == units.size() - 1;
            out.layer((last ? "new " + out.type(LastTimeStep.class) + "(" : "") + "new " + out.type(LSTM.class)
                            + ".Builder()")
                    .call("name(\"lstm" + (i + 1) + "\")")
                    .call("nOut(" + units.get(i) + ")")
                    .call("activation(" + out.activation(activation) + ")")
                    .build();
        }
        Networks.outputSource(out, recipe, recipe.regularization().dropout());
    }
}
