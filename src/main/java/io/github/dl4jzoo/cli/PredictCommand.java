package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.DataFile;
import io.github.dl4jzoo.data.Idx;
import io.github.dl4jzoo.data.Pictures;
import io.github.dl4jzoo.data.SeriesSpec;
import io.github.dl4jzoo.data.TimeSeries;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.SavedRun;
import io.github.dl4jzoo.train.TrainData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zoo predict RUN_DIR|MODEL.zip|NAME --input FILE}: a trained model (or published weights) applied to new input. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Predict with a trained model: top classes for IDX images or a picture (PNG, JPEG), or the"
                + " next value after a CSV's last window.")
final class PredictCommand implements Callable<Integer> {
    private static final int IDX_MAGIC_BYTES = 4;

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

    @Option(names = "--top", paramLabel = "K", description = "Classes to show per example (default: ${DEFAULT-VALUE}).")
    int top = 3;

    @Option(names = "--invert", description = "Invert a picture's grey levels (dark drawing on a light background).")
    boolean invert;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "At most N examples of an IDX file (default: ${DEFAULT-VALUE}).")
    int limit = 10;

    @Override
    public Integer call() {
        Engine.configure(); // before the model's layers exist: they pick their helpers when created
        SavedRun saved = zoo.savedModel(run);
        Recipe recipe = saved.recipe();
        PrintWriter out = spec.commandLine().getOut();
        if (recipe.task() == Recipe.Task.FORECASTING) {
            forecast(saved, out);
            return 0;
        }
        int[] size = TrainData.imageSize(recipe.input());
        int rows = size[0], cols = size[1];
        List<String> labels = new ArrayList<>();
        float[] levels;
        if (isIdx(input)) {
            Idx.Images images = Idx.readImages(DataFile.of(input), rows, cols);
            int n = Math.min(limit, images.count());
            levels = new float[n * rows * cols];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = images.pixels()[i] & 0xff;
            }
            IntStream.range(0, n).forEach(i -> labels.add("image " + i));
        } else {
            levels = Pictures.levels(input, rows, cols, invert);
            labels.add(input.getFileName().toString());
        }
        INDArray flat = Nd4j.create(levels, new long[] {labels.size(), (long) rows * cols}, 'c');
        INDArray x = TrainData.layout(recipe.input()).arrange(flat, rows, cols);
        normaliser(saved).transform(x);
        INDArray probs = saved.net().output(x, false);
        for (int i = 0; i < labels.size(); i++) {
            out.println(labels.get(i) + ": " + topClasses(probs.getRow(i).toDoubleVector(), saved.classNames(), top));
        }
        return 0;
    }

    /** The zip's own preprocessing; zips from before it was saved there scaled pixels to [0, 1] and no more. */
    private static DataNormalization normaliser(SavedRun saved) {
        if (saved.normaliser().isPresent()) {
            return saved.normaliser().get();
        }
        if (saved.recipe().data().standardize()) {
            throw new Zoo.UserError(saved.model() + ": the model was saved without its standardisation; train it"
                    + " again (zoo train) to keep the preprocessing in the zip");
        }
        return new ImagePreProcessingScaler(0, 1);
    }

    /** "Ankle boot 0.9712, Sneaker 0.0201" (a single sigmoid output is the probability of class 1). */
    static String topClasses(double[] p, List<String> names, int k) {
        double[] probs = p.length == 1 ? new double[] {1 - p[0], p[0]} : p;
        return IntStream.range(0, probs.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -probs[c]))
                .limit(k)
                .map(c -> String.format(Locale.ROOT, "%s %.4f", names.get(c), probs[c]))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    private static boolean isIdx(Path file) {
        try (var in = DataFile.of(file).openContent()) {
            byte[] head = in.readNBytes(IDX_MAGIC_BYTES);
            return head.length == IDX_MAGIC_BYTES && head[0] == 0 && head[1] == 0 && head[2] == 8 && head[3] == 3;
        } catch (java.io.IOException | RuntimeException e) {
            return false; // not gzip, not IDX: a picture, or an error the picture reader names
        }
    }

    /** The next value after the CSV's last window, in the target's units. */
    private void forecast(SavedRun saved, PrintWriter out) {
        Recipe.Window w = saved.recipe().data().window();
        SeriesSpec spec = new SeriesSpec(w.date(), w.features(), w.target(), w.steps(), w.horizon(), w.stride());
        TimeSeries series = TimeSeries.readCsv(DataFile.of(input), spec);
        if (series.rows() < w.steps()) {
            throw new Zoo.UserError(
                    input + ": expected at least " + w.steps() + " rows (one window), got " + series.rows());
        }
        int features = w.features().size();
        float[] window = new float[features * w.steps()];
        for (int f = 0; f < features; f++) {
            for (int t = 0; t < w.steps(); t++) {
                window[f * w.steps() + t] = (float) series.features()[series.rows() - w.steps() + t][f];
            }
        }
        INDArray x = Nd4j.create(window, new long[] {1, features, w.steps()}, 'c');
        if (saved.normaliser().isPresent()) {
            saved.normaliser().get().transform(x);
        }
        if (saved.recipe().input() instanceof Recipe.Input.Vector) {
            x = x.reshape('c', 1, (long) features * w.steps());
        }
        INDArray y = saved.net().output(x, false);
        if (saved.normaliser().isPresent()) {
            saved.normaliser().get().revertLabels(y);
        }
        out.printf(
                Locale.ROOT,
                "%s %d step%s after %s: %.4f%n",
                w.target(),
                w.horizon(),
                w.horizon() == 1 ? "" : "s",
                series.dates().get(series.rows() - 1),
                y.getDouble(0));
    }
}
