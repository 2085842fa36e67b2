package io.github.dl4jzoo.init;

import io.github.dl4jzoo.arch.Recipe;
import java.util.List;
import java.util.Map;

/** Projects on the built-in teaching sets, xor and xor-bias: the four rows, inline. */
final class XorProject implements ProjectData {
    @Override
    public String kind() {
        return "built-in";
    }

    @Override
    public boolean takesSteps() {
        return true;
    }

    @Override
    public String misfit(Recipe recipe) {
        int inputs = bias(recipe) ? 3 : 2;
        Recipe.Input in = recipe.input();
        if (!(in instanceof Recipe.Input.Vector) || in.size() != inputs) {
            return "input: expected {features: " + inputs + "} for " + recipe.dataset();
        }
        return recipe.output().units() != 1 ? "output.units: expected 1, the XOR of the inputs" : null;
    }

    @Override
    public Contents contents(Recipe recipe, Map<String, String> tokens, DataSources sources) {
        boolean bias = bias(recipe);
        tokens.put(
                "DATA_DOC",
                bias
                        ? "XOR's truth table with a constant third input of 1 (a bias input): 4 rows."
                        : "XOR's truth table: 4 rows of two inputs.");
        tokens.put(
                "INPUTS", bias ? "{{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}}" : "{{0, 0}, {0, 1}, {1, 0}, {1, 1}}");
        return new Contents(
                "Xor",
                List.of("XorData.java"),
                Map.of(),
                Map.of(),
                null,
                "the four rows of XOR",
                "[EPOCHS]",
                "`mvn package` writes one runnable jar with DL4J and this machine's natives inside. EPOCHS"
                        + " (full-batch steps) defaults to the recipe's " + recipe.epochs() + ". Main prints"
                        + " the loss, then the output for each row, and saves the network to `target/"
                        + recipe.name() + ".zip`.",
                "| `XorData.java` | the four rows |\n",
                "",
                "");
    }

    private static boolean bias(Recipe recipe) {
        return recipe.dataset().equals("xor-bias");
    }
}
