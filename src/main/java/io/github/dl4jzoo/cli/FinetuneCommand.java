package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.api.Run;
import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeReader;
import io.github.dl4jzoo.data.Datasets;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.ModelZip;
import io.github.dl4jzoo.train.Published;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.SavedRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoo finetune NAME --set dataset=...}: a recipe's published weights trained further on other data with
 * DL4J's {@link TransferLearning}. The output layer is replaced (freshly initialised, sized for the new classes)
 * when the class names differ, the first N layers can be frozen, and the run is an ordinary run folder:
 * checkpoints, {@code zoo train --resume}, reports, {@code zoo evaluate}.
 */
@Command(
        name = "finetune",
        mixinStandardHelpOptions = true,
        description = "Fine-tune a recipe's published weights on another dataset (--set dataset=idx:DIR): the"
                + " output layer is replaced when the classes differ; --freeze N keeps the first N layers fixed.")
final class FinetuneCommand implements Callable<Integer> {
    @ParentCommand
    Zoo zoo;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "A recipe with published weights (see zoo list).")
    String name;

    @Mixin
    TrainCommand.RunOptions run;

    @Option(
            names = "--freeze",
            paramLabel = "N",
            description = "Freeze the first N layers (default: ${DEFAULT-VALUE}, all train).")
    int freeze;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/NAME-finetune-<timestamp>).")
    Path out;

    @Option(names = "--overwrite", description = "Empty the run folder first if it exists.")
    boolean overwrite;

    @Override
    public Integer call() {
        if (run.master != null) { // refused before a run folder is made
            throw new Zoo.UserError("--master: finetune trains in this process only; drop --master");
        }
        Engine.configure(); // before the model's layers exist: they pick their helpers when created
        SavedRun base = zoo.published(name).load();
        String baseYaml = recipeYaml(base.model());
        String source = Published.shown(base.model()) + "!" + ModelZip.RECIPE;
        List<String> overrides = run.recipeOverrides();
        Recipe first = RecipeReader.read(baseYaml, source, overrides);
        // The new data's classes, read without TrainData's check against the published output's units: another
        // count is what replacing the output layer is for.
        List<String> classes = Datasets.load(first.dataset(), first.dataRequest(Optional.ofNullable(run.data)))
                .classNames();
        boolean classifier = first.task() == Recipe.Task.CLASSIFICATION;
        boolean replace = classifier && !classes.equals(base.classNames());
        if (replace && classes.size() != base.classNames().size()) {
            overrides.add("output.units=" + classes.size());
        }
        Recipe recipe = RecipeReader.read(baseYaml, source, overrides);
        int layers = base.net().getnLayers();
        if (freeze < 0 || freeze >= layers) {
            throw new Zoo.UserError("--freeze: expected 0 to " + (layers - 1) + " (" + name + " has " + layers
                    + " layers; the output layer always trains), got " + freeze);
        }
        MultiLayerNetwork start = transfer(base.net(), recipe, freeze, replace);
        PrintWriter w = spec.commandLine().getOut();
        RunResult result;
        try (RunFolder folder = RunFolder.create(out != null ? out : Run.defaultDir(name + "-finetune"), overwrite)) {
            folder.writeText(RunFolder.RECIPE, RecipeReader.resolvedYaml(baseYaml, source, overrides));
            folder.writeText(
                    "finetuned-from.txt",
                    Published.shown(base.model()) + " SHA-256 " + Published.sha256(base.model()) + "\n"
                            + "output layer: " + (replace ? "replaced (classes " + classes + ")" : "kept")
                            + "\nfrozen layers: " + freeze + "\n");
            result = run.applyTo(io.github.dl4jzoo.api.Zoo.recipe(name), zoo, w).trainFrom(start, recipe, folder);
        }
        w.println(TrainCommand.summary(result));
        return result.stopReason().startsWith("diverged") ? TrainCommand.DIVERGED : 0;
    }

    /**
     * The published network ready to train on: the recipe's updater and seed, the first {@code freeze} layers
     * frozen, and, when {@code replace}, the recipe's own output layer (sized for the new classes) in place of
     * the trained one.
     */
    static MultiLayerNetwork transfer(MultiLayerNetwork net, Recipe recipe, int freeze, boolean replace) {
        MultiLayerConfiguration conf = Networks.configuration(recipe);
        int last = conf.getConfs().size() - 1;
        BaseLayer output = (BaseLayer) conf.getConf(last).getLayer();
        TransferLearning.Builder b = new TransferLearning.Builder(net)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder()
                        .updater(output.getIUpdater())
                        .seed(recipe.seed())
                        .build());
        if (freeze > 0) {
            b.setFeatureExtractor(freeze - 1);
        }
        if (replace) {
            // The new head starts at zero (uniform probabilities): its inputs are trained features, larger than
            // the fresh activations Xavier's scale assumes, and a randomly scaled head first has to unlearn that.
            BaseLayer head = (BaseLayer) output.clone();
            head.setWeightInitFn(WeightInit.ZERO.getWeightInitFunction());
            b.removeOutputLayer().addLayer(head);
        }
        return b.build();
    }

    private static String recipeYaml(Path zip) {
        try {
            return ModelZip.recipe(zip)
                    .orElseThrow(() -> new Zoo.UserError(zip + ": holds no recipe; zoo publish writes one"));
        } catch (IOException e) {
            throw new UncheckedIOException(zip + ": cannot read: " + e.getMessage(), e);
        }
    }
}
