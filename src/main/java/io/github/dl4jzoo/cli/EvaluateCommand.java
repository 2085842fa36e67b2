package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.api.TestMetrics;
import io.github.dl4jzoo.report.Table;
import io.github.dl4jzoo.train.Metrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoo evaluate RUN_DIR|MODEL.zip|NAME}: a saved model (or a recipe's published weights)'s metrics on its recipe's test split ({@link
 * io.github.dl4jzoo.api.Zoo#evaluate}).
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Evaluate a trained model on the test split: accuracy, per-class precision/recall/F1 and the"
                + " confusion matrix, or MSE/RMSE/MAE/R2 in original units.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Zoo zoo;

    @Parameters(
            paramLabel = "RUN_DIR|MODEL.zip|NAME",
            description = "A run folder written by zoo train, its model.zip, or a recipe with published weights.")
    String run;

    @Option(names = "--data", paramLabel = "PATH", description = "The dataset's folder (IDX) or file (CSV).")
    Path data;

    @Override
    public Integer call() {
        TestMetrics t = io.github.dl4jzoo.api.Zoo.evaluate(zoo.savedModel(run), Optional.ofNullable(data));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s on the %s test split (%s)%n", t.recipe(), t.dataset(), t.runDir());
        if (t.metrics() instanceof Metrics.Classification c) {
            out.print(classification(c));
        } else {
            Metrics.Regression m = (Metrics.Regression) t.metrics();
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
