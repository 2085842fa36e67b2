package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.api.Prediction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zoo predict RUN_DIR --input FILE}: a trained model applied to new input ({@link io.github.dl4jzoo.api.Zoo#predict}). */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Predict with a trained model: top classes for IDX images or a picture (PNG, JPEG), or the"
                + " next value after a CSV's last window.")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Zoo zoo;

    @Parameters(
            paramLabel = "RUN_DIR|MODEL.zip|NAME",
            description = "A run folder written by zoo train, its model.zip, or a recipe with published weights.")
    String run;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "IDX images (.gz or raw), a picture, or a CSV.")
    Path input;

    @Option(
            names = "--top",
            paramLabel = "K",
            converter = Bounds.Top.class,
            description = "Classes to show per example (default: ${DEFAULT-VALUE}).")
    int top = 3;

    @Option(names = "--invert", description = "Invert a picture's grey levels (dark drawing on a light background).")
    boolean invert;

    @Option(
            names = "--limit",
            paramLabel = "N",
            converter = Bounds.Count.class,
            description = "At most N examples of an IDX file (default: ${DEFAULT-VALUE}).")
    int limit = 10;

    @Override
    public Integer call() {
        Prediction.Options options =
                Prediction.Options.DEFAULTS.withInvert(invert).withLimit(limit);
        Prediction p = io.github.dl4jzoo.api.Zoo.predict(zoo.savedModel(run), input, options);
        PrintWriter out = spec.commandLine().getOut();
        if (p instanceof Prediction.Forecast f) {
            out.printf(
                    Locale.ROOT,
                    "%s %d step%s after %s: %.4f%n",
                    f.target(),
                    f.horizon(),
                    f.horizon() == 1 ? "" : "s",
                    f.after(),
                    f.value());
        } else {
            for (Prediction.Example e : ((Prediction.Classes) p).examples()) {
                out.println(e.label() + ": " + topClasses(e, top));
            }
        }
        return 0;
    }

    /** "Ankle boot 0.9712, Sneaker 0.0201". */
    static String topClasses(Prediction.Example e, int k) {
        return e.top(k).stream().map(Prediction.Score::toString).collect(Collectors.joining(", "));
    }
}
