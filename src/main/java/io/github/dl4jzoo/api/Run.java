package io.github.dl4jzoo.api;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeReader;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.Splits;
import io.github.dl4jzoo.report.RunReport;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.Environment;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.TrainData;
import io.github.dl4jzoo.train.TrainException;
import io.github.dl4jzoo.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * One recipe trained into one run folder: {@code recipe.yaml} (resolved), {@code model.zip}, {@code metrics.json},
 * {@code history.csv}, {@code learning-curves.png} and {@code env.json} (and with {@link #gradients} {@code
 * gradients.csv} and {@code gradients.png}). Made by {@link Zoo#recipe} or {@link
 * Zoo#resume}.
 */
public final class Run extends Settings<Run> {
    private final String name;
    private final Path resume;

    private Run(String name, Path resume) {
        this.name = name;
        this.resume = resume;
    }

    static Run of(String name) {
        return new Run(name, null);
    }

    static Run resuming(Path runDir) {
        return new Run(null, runDir);
    }

    /** The recipe as it will train: its file with the overrides applied, checked. */
    public Recipe recipe() {
        if (resume != null) {
            return RecipeReader.read(RunFolder.open(resume).file(RunFolder.RECIPE), List.of());
        }
        return registry().get(name, overrides);
    }

    /**
     * Trains (or, made by {@link Zoo#resume}, continues) the run and writes its reports.
     *
     * @return the run's history, test metrics, speed and memory; its folder is {@link RunResult#runDir()}
     */
    public RunResult train() {
        if (master.isPresent()) { // refused before a run folder is made
            if (gradients
                    || options.patience() > 0
                    || options.timeBudget().isPresent()
                    || !options.listeners().isEmpty()) {
                throw new TrainException("--master: data-parallel training of one run takes no --gradients,"
                        + " --early-stopping, --time-budget or listener of your own; train without --master to use"
                        + " them");
            }
            if (resume != null) {
                throw new TrainException(resume + ": --resume is not supported with --master; train a new run");
            }
            Cluster.find();
        }
        if (resume != null) {
            return goOn();
        }
        Registry registry = registry();
        Recipe recipe = registry.get(name, overrides);
        // Everything that can be refused is checked before the folder is made: a refused start leaves nothing.
        Engine.configure();
        Splits data = TrainData.load(recipe, this.data);
        try (RunFolder folder = RunFolder.create(out.orElseGet(() -> defaultDir(name)), overwrite)) {
            folder.writeText(RunFolder.RECIPE, RecipeReader.resolvedYaml(registry.file(name), overrides));
            return train(recipe, data, folder, this);
        }
    }

    /**
     * Goes on with a run as its resolved recipe says. Settings that would change the recipe or the folder are
     * refused, except more epochs ({@code set("epochs", n)}): a run that ended after its epochs trains on to n, as
     * a run of n epochs from the start would. A finished run that lacks some of its reports (killed while it
     * wrote them) gets them, and nothing else changes.
     */
    private RunResult goOn() {
        List<String> more =
                overrides.stream().filter(o -> o.startsWith("epochs=")).toList();
        List<String> other =
                overrides.stream().filter(o -> !o.startsWith("epochs=")).toList();
        List<String> refused = new ArrayList<>(other);
        out.ifPresent(dir -> refused.add("out=" + dir));
        if (overwrite) {
            refused.add("overwrite");
        }
        if (!refused.isEmpty()) {
            throw new TrainException(resume + ": a resumed run trains its own recipe.yaml in its own folder; only"
                    + " more epochs can be asked of it, not " + String.join(", ", refused));
        }
        more = more.isEmpty() ? more : List.of(more.get(more.size() - 1));
        try (RunFolder folder = RunFolder.resume(resume)) {
            Recipe recipe = RecipeReader.read(folder.file(RunFolder.RECIPE), more);
            Splits data = TrainData.load(recipe, this.data);
            Trainer.checkSameData(folder, data);
            if (Trainer.isFinished(folder) && !RunReport.missing(folder.dir()).isEmpty()) {
                return complete(recipe, data, folder);
            }
            Trainer.checkCanGoOn(folder, recipe.epochs());
            if (!more.isEmpty()) {
                folder.writeText(RunFolder.RECIPE, RecipeReader.resolvedYaml(folder.file(RunFolder.RECIPE), more));
            }
            return train(recipe, data, folder, this);
        }
    }

    /** Writes the reports a finished run lacks: its test metrics are measured again from its model. */
    private RunResult complete(Recipe recipe, Splits data, RunFolder folder) {
        Engine.configure();
        RunResult result = new Trainer(log).finished(recipe, data, folder);
        List<String> written;
        try {
            written = RunReport.write(folder.dir(), result, true);
        } catch (IOException e) {
            throw new UncheckedIOException(folder.dir() + ": cannot write the run's reports: " + e.getMessage(), e);
        }
        log.println(folder.dir() + ": the run was finished; wrote what it lacked: " + String.join(", ", written));
        return result;
    }

    /**
     * Trains {@code recipe} into {@code folder}, which already holds its {@code recipe.yaml}, starting from
     * {@code start}: a network of the recipe's shape, such as published weights prepared for fine-tuning. These
     * settings' options apply; their recipe name and overrides do not (the recipe is given).
     */
    public RunResult trainFrom(MultiLayerNetwork start, Recipe recipe, RunFolder folder) {
        if (master.isPresent()) {
            throw new TrainException("--master: a run that starts from given weights trains in this process only");
        }
        return train(recipe, TrainData.load(recipe, data), folder, this, Optional.of(start));
    }

    static RunResult train(Recipe recipe, Splits data, RunFolder folder, Settings<?> settings) {
        return train(recipe, data, folder, settings, Optional.empty());
    }

    /** Trains with the engine settings applied, writes the run's reports. */
    private static RunResult train(
            Recipe recipe, Splits data, RunFolder folder, Settings<?> settings, Optional<MultiLayerNetwork> start) {
        Engine.configure(); // before the network exists: its layers pick their helpers when created
        if (settings.master.isPresent()) {
            return Cluster.find()
                    .trainParallel(settings.master.get(), recipe, folder, data, settings.options, settings.log);
        }
        Environment.write(folder);
        RunResult result = new Trainer(settings.log).run(recipe, data, folder, settings.trainerOptions(), start);
        try {
            RunReport.write(folder.dir(), result);
        } catch (IOException e) {
            throw new UncheckedIOException(folder.dir() + ": cannot write the run's reports: " + e.getMessage(), e);
        }
        return result;
    }

    /** {@code runs/PREFIX-yyyyMMdd-HHmmss} under the {@code dl4jzoo.home} property. */
    public static Path defaultDir(String prefix) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return home().resolve("runs").resolve(prefix + "-" + stamp).normalize();
    }
}
