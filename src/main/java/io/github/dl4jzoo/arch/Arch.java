package io.github.dl4jzoo.arch;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;

/** The family-specific part of a recipe: one implementation per architecture family. */
public sealed interface Arch permits LinearClassifier, Mlp, ConvNet, Lstm {
    /** The family name used in recipe files. */
    String family();

    /** Trainable parameters, from the shapes alone. */
    long parameterCount(Recipe.Input input, Recipe.Output output);

    /** The activation functions of the hidden layers, in order (the output layer's is the recipe's). */
    java.util.List<ActivationFunction> activations();

    /** Adds this family's layers (the output layer included) to a builder that has the recipe's common settings. */
    ListBuilder layers(NeuralNetConfiguration.Builder common, Recipe recipe);
}
