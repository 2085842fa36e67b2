package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeReader;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.report.Formats;
import io.github.dl4jzoo.report.Table;
import io.github.dl4jzoo.train.Published;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zoo show NAME}: the resolved recipe, then the network layer by layer. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show a recipe, its network layer by layer, and the card of its published weights.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    Zoo zoo;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "A recipe name (see zoo list).")
    String name;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a recipe field, e.g. --set updater.lr=0.01.")
    List<String> overrides = List.of();

    @Override
    public Integer call() {
        Registry registry = zoo.registry();
        Recipe recipe = registry.get(name, overrides);
        PrintWriter out = spec.commandLine().getOut();
        out.print(RecipeReader.resolvedYaml(registry.file(name), overrides).replaceFirst("^---\n", ""));
        out.println();
        out.print(summary(recipe));
        out.println();
        Published weights = zoo.published(name);
        if (weights.exists()) {
            out.print(
                    "published weights: " + Published.shown(weights.zip()) + ", card " + Published.shown(weights.card())
                            + "\n" + weights.readCard().toJson());
        } else {
            out.println("published weights: none (zoo publish " + name + " makes them)");
        }
        return 0;
    }

    /** Layer, type, input and output shapes, parameters: computed from the configuration, no natives loaded. */
    static String summary(Recipe recipe) {
        MultiLayerConfiguration conf = Networks.configuration(recipe);
        Table t = new Table("LAYER", "TYPE", "INPUT", "OUTPUT", "PARAMS").alignRight(4);
        InputType in = recipe.input().inputType();
        List<InputType> outs = conf.getLayerActivationTypes(in);
        long total = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration c = conf.getConf(i);
            Layer layer = c.getLayer();
            long params = layer.initializer().numParams(c);
            total += params;
            t.row(
                    layer.getLayerName(),
                    layer.getClass().getSimpleName(),
                    shape(in),
                    shape(outs.get(i)),
                    Formats.count(params));
            in = outs.get(i);
        }
        return t + "total parameters: " + Formats.count(total) + "\n";
    }

    private static String shape(InputType t) {
        long[] s = t.getShape(false);
        StringBuilder sb = new StringBuilder();
        for (long d : s) {
            sb.append(sb.length() == 0 ? "" : "x").append(d);
        }
        return sb.toString();
    }
}
