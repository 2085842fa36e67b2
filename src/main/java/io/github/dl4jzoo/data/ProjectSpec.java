package io.github.dl4jzoo.data;

/**
 * What {@code zoo init} asks of a data kind for one recipe, in the data layer's words: the network's input as a
 * run would ask for it, its output, and the names the generated project uses.
 *
 * @param recipe the recipe's name (Main saves the network to {@code target/RECIPE.zip})
 * @param dataset the recipe's dataset
 * @param input what the network reads: layout, sizes, windows, standardisation ({@code dataFlag} is empty)
 * @param outputs the network's output units
 * @param epochs the recipe's epochs, Main's default
 */
public record ProjectSpec(String recipe, DatasetId dataset, DataRequest input, int outputs, int epochs) {}
