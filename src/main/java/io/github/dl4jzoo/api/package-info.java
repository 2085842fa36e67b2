/**
 * The zoo as a Java library: train a recipe, compare several, evaluate or predict with a saved run, in a few
 * lines. {@link io.github.dl4jzoo.api.Zoo} is the entry point; the {@code zoo} command is a thin layer over it.
 *
 * <pre>{@code
 * RunResult run = Zoo.recipe("lenet5").set("epochs", 3).train();
 * Comparison.Result cmp = Zoo.compare("mlp", "lenet5").set("epochs", 3).run();
 * }</pre>
 */
package io.github.dl4jzoo.api;
