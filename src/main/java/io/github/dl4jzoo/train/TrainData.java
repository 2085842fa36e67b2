package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.DataException;
import io.github.dl4jzoo.data.Datasets;
import io.github.dl4jzoo.data.Splits;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A recipe's data: what the recipe asks of it ({@link Recipe#dataRequest}), read by the dataset's kind ({@link Datasets}) into
 * {@link Splits} that fit the recipe's network ({@link #load}).
 */
public final class TrainData {
    private TrainData() {}

    /** Loads the recipe's dataset; {@code dataDir} (the --data flag) names its folder or file when given. */
    public static Splits load(Recipe recipe, Optional<Path> dataDir) {
        checkData(recipe, dataDir);
        Splits s = Datasets.load(recipe.dataset(), recipe.dataRequest(dataDir));
        int units = recipe.output().units(), classes = s.classNames().size();
        boolean fits = classes == 0 || units == classes || (units == 1 && classes == 2); // one sigmoid for two
        if (recipe.task() == Recipe.Task.CLASSIFICATION && !fits) {
            throw new DataException(s.dataset() + ": expected " + units + " classes (output.units), found " + classes
                    + " (" + String.join(", ", s.classNames()) + "); set output.units=" + classes);
        }
        int features = s.train().inputColumns();
        if (features > 0 && features != recipe.input().size()) {
            throw new DataException(s.dataset() + ": " + features + " inputs per example, but recipe " + recipe.name()
                    + " reads " + recipe.input().size() + " (input); choose a recipe made for it");
        }
        return s;
    }

    /**
     * Refuses, without reading any data, a {@code --data} the recipe's dataset would not read: a dataset id (which
     * goes to {@code --set dataset=}), a path that does not exist, or a path for a dataset that reads none.
     */
    public static void checkData(Recipe recipe, Optional<Path> dataDir) {
        String given = dataDir.map(Path::toString).orElse("");
        if (given.matches("[a-z]+:.+")) {
            throw new DataException("--data " + given + ": expected a folder or file; a dataset id goes to"
                    + " --set dataset=" + given);
        }
        if (dataDir.isPresent() && !java.nio.file.Files.exists(dataDir.get())) {
            throw new DataException(dataDir.get() + ": no such file or folder (--data)");
        }
        Datasets.checkDataFlag(recipe.dataset(), dataDir);
    }

    /**
     * Refuses when a file of {@code recorded} (what a run read) is not among {@code now} or has other bytes;
     * {@code hint} says what to do instead.
     */
    public static void checkSameAs(List<RunResult.Source> recorded, List<RunResult.Source> now, String hint) {
        for (RunResult.Source r : recorded) {
            RunResult.Source n = now.stream()
                    .filter(f -> f.file().equals(r.file()))
                    .findFirst()
                    .orElse(null);
            if (n == null || !n.sha256().equals(r.sha256())) {
                throw new TrainException(r.file() + ": the run read this file (SHA-256 "
                        + r.sha256().substring(0, 12)
                        + "...), " + (n == null ? "but it is not read now" : "but it has changed since") + "; "
                        + hint);
            }
        }
    }

    /** The files the splits were read from, each with the SHA-256 of its bytes as stored (none for built-in data). */
    public static List<RunResult.Source> read(Splits data) {
        return Datasets.sources(data.sources()).stream()
                .map(f -> new RunResult.Source(f.file(), f.sha256()))
                .toList();
    }
}
