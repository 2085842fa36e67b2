package io.github.dl4jzoo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.report.RunReport;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.Evaluation;
import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.SavedRun;
import io.github.dl4jzoo.train.TrainData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo evaluate RUN_DIR|MODEL.zip}: a saved model's metrics on its recipe's test split. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Evaluate a trained model on the test split: accuracy, per-class precision/recall/F1 and the"
                + " confusion matrix, or MSE/RMSE/MAE/R2 in original units.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR|MODEL.zip", description = "A run folder written by zoo train, or its model.zip.")
    Path run;

    @Option(names = "--data", paramLabel = "PATH", description = "The dataset's folder (IDX) or file (CSV).")
    Path data;

    @Override
    public Integer call() {
        Engine.configure(); // before the model's layers exist: they pick their helpers when created
        SavedRun saved = SavedRun.open(run);
        Recipe recipe = saved.recipe();
        List<RunResult.Source> recorded = recordedData(saved.folder().dir());
        Optional<Path> dataDir = Optional.ofNullable(data).or(() -> recordedFolder(recipe, recorded));
        TrainData d = TrainData.load(recipe, dataDir);
        if (data == null && !recorded.isEmpty()) {
            sameAsRecorded(recorded, d.sources());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "%s on the %s test split (%s)%n",
                recipe.name(),
                d.dataset(),
                saved.folder().dir());
        if (recipe.task() == Recipe.Task.CLASSIFICATION) {
            int classes = Math.max(2, recipe.output().units());
            out.print(classification(Evaluation.classification(
                    Evaluation.confusion(saved.net(), d.test(), classes), saved.classNames())));
        } else {
            double[][] tp = Evaluation.predictions(saved.net(), d.test(), d);
            Metrics.Regression m = Evaluation.regression(tp[0], tp[1]);
            out.printf(
                    Locale.ROOT,
                    "MSE %.6f  RMSE %.6f  MAE %.6f  R2 %.6f  (%d predictions, original units)%n",
                    m.mse(),
                    m.rmse(),
                    m.mae(),
                    m.r2(),
                    m.count());
        }
        return 0;
    }

    /** The files the run recorded in its metrics.json as read (none for a run written before they were). */
    static List<RunResult.Source> recordedData(Path runDir) {
        Path metrics = runDir.resolve(RunReport.METRICS_JSON);
        if (!Files.isRegularFile(metrics)) {
            return List.of();
        }
        try {
            List<RunResult.Source> files = new ArrayList<>();
            for (JsonNode f : new ObjectMapper().readTree(metrics.toFile()).path("data")) {
                files.add(new RunResult.Source(
                        f.path("file").asText(), f.path("sha256").asText()));
            }
            return files;
        } catch (IOException e) {
            throw new Zoo.UserError(metrics + ": not the metrics file zoo train writes ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * The folder (IDX) or file (CSV) the run read from, when a --data flag chose it: a dataset id that names its
     * own path, or embedded data, needs none.
     */
    private static Optional<Path> recordedFolder(Recipe recipe, List<RunResult.Source> recorded) {
        if (recorded.isEmpty()
                || recipe.dataset().contains(":")
                || recorded.get(0).file().startsWith("classpath:")) {
            return Optional.empty();
        }
        Path first = Path.of(recorded.get(0).file());
        return Optional.of(recipe.data().window() != null ? first : first.getParent());
    }

    /** Evaluating on other data than the run's is what --data is for; without it, the data must be the same. */
    private static void sameAsRecorded(List<RunResult.Source> recorded, List<RunResult.Source> now) {
        for (RunResult.Source r : recorded) {
            RunResult.Source n = now.stream()
                    .filter(f -> f.file().equals(r.file()))
                    .findFirst()
                    .orElse(null);
            if (n == null || !n.sha256().equals(r.sha256())) {
                throw new Zoo.UserError(r.file() + ": the run read this file (SHA-256 "
                        + r.sha256().substring(0, 12)
                        + "...), " + (n == null ? "but it is not read now" : "but it has changed since")
                        + "; evaluate with --data to score on other data");
            }
        }
    }

    /** The metrics as a person reads them: totals, then per class, then the confusion matrix. */
    static String classification(Metrics.Classification m) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "accuracy %.4f  macro precision %.4f  macro recall %.4f  macro F1 %.4f%n",
                m.accuracy(),
                m.macroPrecision(),
                m.macroRecall(),
                m.macroF1()));
        long[][] c = m.confusion();
        if (c.length == 2) {
            sb.append(String.format(
                    Locale.ROOT,
                    "TP %d  FP %d  TN %d  FN %d (positive class: %s)%n",
                    c[1][1],
                    c[0][1],
                    c[0][0],
                    c[1][0],
                    m.classNames().get(1)));
        }
        Table perClass = new Table("CLASS", "PRECISION", "RECALL", "F1", "SUPPORT").alignRight(1, 2, 3, 4);
        for (int i = 0; i < c.length; i++) {
            long support = 0;
            for (long v : c[i]) {
                support += v;
            }
            perClass.row(m.classNames().get(i), f4(m.precision()[i]), f4(m.recall()[i]), f4(m.f1()[i]), support);
        }
        sb.append('\n').append(perClass).append("\nconfusion matrix (rows: true class, columns: predicted)\n");
        String[] header = new String[c.length + 1];
        header[0] = "";
        for (int i = 0; i < c.length; i++) {
            header[i + 1] = Integer.toString(i);
        }
        Table confusion = new Table(header);
        int[] right = new int[c.length];
        for (int i = 0; i < c.length; i++) {
            right[i] = i + 1;
            Object[] row = new Object[c.length + 1];
            row[0] = i + " " + m.classNames().get(i);
            for (int j = 0; j < c.length; j++) {
                row[j + 1] = c[i][j];
            }
            confusion.row(row);
        }
        return sb.append(confusion.alignRight(right)).toString();
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
