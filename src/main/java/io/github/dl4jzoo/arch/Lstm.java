package io.github.dl4jzoo.arch;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.nd4j.linalg.activations.Activation;

/**
 * Stacked LSTM layers (Hochreiter and Schmidhuber 1997) whose last time step feeds the output layer. As a
 * classifier it reads an image as a sequence of rows; as a forecaster it reads a window of past values and
 * predicts the next one (a Keras-style LSTM forecaster: LSTM(50, relu) then Dense(1)).
 */
public record Lstm(List<Integer> units, Activation activation) implements Arch {
    public static final String FAMILY = "lstm";

    public Lstm {
        units = List.copyOf(units);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public long parameterCount(Recipe.Input input, Recipe.Output output) {
        if (!(input instanceof Recipe.Input.Sequence seq)) {
            throw new RecipeException("input: expected {steps, features} for family lstm");
        }
        long total = 0, inputs = seq.features();
        for (int n : units) {
            // four gates, each with input weights, recurrent weights and a bias (DL4J's LSTM has no peepholes)
            total += 4L * n * (inputs + n + 1);
            inputs = n;
        }
        return total + inputs * output.units() + output.units();
    }

    @Override
    public ListBuilder layers(NeuralNetConfiguration.Builder common, Recipe recipe) {
        ListBuilder list = common.list();
        for (int i = 0; i < units.size(); i++) {
            LSTM lstm = new LSTM.Builder()
                    .name("lstm" + (i + 1))
                    .nOut(units.get(i))
                    .activation(activation)
                    .build();
            boolean last = i == units.size() - 1;
            list.layer(last ? new LastTimeStep(lstm) : lstm);
        }
        return list.layer(Networks.outputLayer(recipe, recipe.regularization().dropout()));
    }
}
