package io.github.dl4jzoo.api;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeReader;
import io.github.dl4jzoo.arch.Registry;
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
            Cluster.find();
        }
        if (resume != null) {
            List<String> refused = new ArrayList<>(overrides);
            out.ifPresent(dir -> refused.add("out=" + dir));
            if (!refused.isEmpty()) {
                throw new TrainException(resume + ": a resumed run trains its own recipe.yaml in its own folder;"
                        + " it cannot take " + String.join(", ", refused));
            }
            RunFolder folder = RunFolder.open(resume);
            return train(recipe(), folder, this);
        }
        Registry registry = registry();
        Recipe recipe = registry.get(name, overrides);
        RunFolder folder = RunFolder.create(out.orElseGet(() -> defaultDir(name)), overwrite);
        folder.writeText(RunFolder.RECIPE, RecipeReader.resolvedYaml(registry.file(name), overrides));
        return train(recipe, folder, this);
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
        return train(recipe, folder, this, Optional.of(start));
    }

    static RunResult train(Recipe recipe, RunFolder folder, Settings<?> settings) {
        return train(recipe, folder, settings, Optional.empty());
    }

    /** Loads the data, trains with the engine settings applied, writes the run's reports. */
    private static RunResult train(
            Recipe recipe, RunFolder folder, Settings<?> settings, Optional<MultiLayerNetwork> start) {
        Engine.configure(); // before the network exists: its layers pick their helpers when created
        if (settings.master.isPresent()) {
            return Cluster.find()
                    .trainParallel(
                            settings.master.get(), recipe, folder, settings.data, settings.options, settings.log);
        }
        TrainData data = TrainData.load(recipe, settings.data);
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
