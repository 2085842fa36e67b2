package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.api.Run;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.bench.Flops;
import io.github.dl4jzoo.data.Catalog;
import io.github.dl4jzoo.data.Splits;
import io.github.dl4jzoo.train.Environment;
import io.github.dl4jzoo.train.Evaluation;
import io.github.dl4jzoo.train.ModelCard;
import io.github.dl4jzoo.train.ModelZip;
import io.github.dl4jzoo.train.Published;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.SavedRun;
import io.github.dl4jzoo.train.TrainData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoo publish NAMES...}: each recipe trained on its full dataset into {@code models/weights/NAME.zip}
 * (no updater state: these are for use, and fine-tuning starts its own), then measured by the zoo's own
 * evaluation of that zip, and described by a card {@code NAME.json} written here and nowhere else.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = "Train recipes on their full datasets (Fashion-MNIST for the image recipes) into"
                + " models/weights/NAME.zip, and write each one's card NAME.json: data and its SHA-256, test"
                + " metrics, parameters, FLOPs, command, commit, date, the weights' SHA-256.")
final class PublishCommand implements Callable<Integer> {
    /** The embedded sample stands in for Fashion-MNIST in quick runs; weights are trained on the whole set. */
    static final String SAMPLE = "fashion-mnist-sample";

    static final String FULL = "fashion-mnist";

    @ParentCommand
    Zoo zoo;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAMES", description = "Recipe names or patterns (lenet*, *forecast*).")
    List<String> names;

    @Mixin
    TrainCommand.RunOptions run;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Registry registry = zoo.registry();
        String command =
                "zoo " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        boolean datasetChosen = run.overrides.stream().anyMatch(o -> o.startsWith("dataset="));
        for (String name : registry.expand(names)) {
            Run r = run.applyTo(io.github.dl4jzoo.api.Zoo.recipe(name), zoo, w);
            if (!datasetChosen && r.recipe().dataset().equals(SAMPLE)) {
                r.set("dataset", FULL);
            }
            RunResult result = r.out(Run.defaultDir("publish-" + name)).train();
            if (result.stopReason().startsWith("diverged")) {
                throw new Zoo.UserError(name + ": training " + result.stopReason() + "; nothing published (run"
                        + " folder " + result.runDir() + ")");
            }
            Recipe recipe = r.recipe();
            RunFolder folder = RunFolder.open(result.runDir());
            Published target = Published.in(zoo.modelDirs().get(0), name);
            SavedRun trained = SavedRun.open(folder.file(RunFolder.MODEL));
            createDirectories(target.zip().getParent());
            ModelZip.write(
                    trained.net(),
                    false,
                    trained.normaliser(),
                    Optional.of(read(folder.file(RunFolder.RECIPE))),
                    recipe,
                    trained.classNames(),
                    target.zip());
            ModelCard card = card(recipe, result, target, command);
            RunFolder.write(target.card(), tmp -> Files.writeString(tmp, card.toJson()));
            w.printf(
                    Locale.ROOT,
                    "%s: %s on the %s test split; %s (%,d bytes, SHA-256 %s), card %s%n",
                    name,
                    card.headline(),
                    card.dataset().id(),
                    Published.shown(target.zip()),
                    card.weights().bytes(),
                    card.weights().sha256(),
                    Published.shown(target.card()));
        }
        return 0;
    }

    /** Measures the written zip itself, as zoo evaluate NAME will, and describes it. */
    private ModelCard card(Recipe recipe, RunResult result, Published target, String command) {
        SavedRun published = SavedRun.open(target.zip());
        Optional<Path> dataDir = Optional.ofNullable(run.data);
        Splits data = TrainData.load(published.recipe(), dataDir);
        ModelCard.Measured metrics = ModelCard.Measured.of(Evaluation.measure(published, data));
        return new ModelCard(
                recipe.name(),
                recipe.task().id(),
                new ModelCard.Dataset(data.dataset(), Catalog.licence(data.dataset()), result.data()),
                metrics,
                published.net().numParams(),
                Flops.forward(recipe),
                new ModelCard.Training(
                        result.epochs(), recipe.batchSize(), recipe.seed(), result.trainSeconds(), result.stopReason()),
                ModelZip.describeInput(recipe),
                command,
                Environment.describe().get("git commit"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new ModelCard.Weights(
                        target.zip().getFileName().toString(), Published.sha256(target.zip()), size(target.zip())));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create: " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
