package io.github.dl4jzoo.arch;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;

/**
 * The family-specific part of a recipe: its {@code arch} table, read by the family's {@link Family}. Each family
 * is one file that answers everything about its networks: the layers, their parameter count and FLOPs, and the
 * same layers as DL4J builder source for {@code zoo init}.
 */
public interface Arch {
    /** The family name used in recipe files. */
    String family();

    /** Trainable parameters, from the shapes alone (no native code is loaded). */
    long parameterCount(Recipe.Input input, Recipe.Output output);

    /**
     * Forward floating-point operations for one example, from the layer shapes: a multiply-add counts 2 (dense:
     * 2 in out; convolution: 2 k^2 c_in c_out h_out w_out; LSTM: 2 x 4 gates x units x (inputs + units) per step).
     * Activations, pooling, normalisation and biases are left out: they are a few percent at most.
     */
    long flops(Recipe.Input input, Recipe.Output output);
    /** The activation functions of the hidden layers, in order (the output layer's is the recipe's). */
    java.util.List<ActivationFunction> activations();

    /** Adds this family's layers (the output layer included) to a builder that has the recipe's common settings. */
    ListBuilder layers(NeuralNetConfiguration.Builder common, Recipe recipe);

    /**
     * Writes the layers of {@link #layers} as builder source, call for call, so the code builds the same
     * configuration (checked for every recipe by comparing the JSON).
     */
    void source(LayerSource out, Recipe recipe);

    /**
     * What a forecaster of this family sees for a window of {@code steps} past values of {@code features}
     * columns: by default the window flattened into one vector. Recurrent families read it step by step.
     */
    default Recipe.Input windowInput(int steps, int features) {
        return new Recipe.Input.Vector(steps * features);
    }
}
