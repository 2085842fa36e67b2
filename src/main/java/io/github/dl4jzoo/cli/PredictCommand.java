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
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo predict RUN_DIR --input FILE}: a trained model applied to new input. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Predict with a trained model: top classes for IDX images or a picture (PNG, JPEG), or the"
                + " next value after a CSV's last window.")
final class PredictCommand implements Callable<Integer> {
    private static final int IDX_MAGIC_BYTES = 4;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR|MODEL.zip", description = "A run folder written by zoo train, or its model.zip.")
    Path run;

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
        Engine.configure(); // before the model's layers exist: they pick their helpers when created
        SavedRun saved = SavedRun.open(run);
        Recipe recipe = saved.recipe();
        PrintWriter out = spec.commandLine().getOut();
        if (recipe.task() == Recipe.Task.FORECASTING) {
            forecast(saved, out);
            return 0;
        }
        if (recipe.data().standardize()) {
            throw new Zoo.UserError(recipe.name() + ": predict on pictures of a recipe with data.standardize is not"
                    + " supported; zoo evaluate works for it");
        }
        int[] size = TrainData.imageSize(recipe.input());
        int rows = size[0], cols = size[1];
        List<String> labels = new ArrayList<>();
        INDArray flat;
        if (isIdx(input)) {
            Idx.Images images = Idx.readImages(DataFile.of(input), rows, cols);
            int n = Math.min(limit, images.count());
            float[] pixels = new float[n * rows * cols];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (images.pixels()[i] & 0xff) / 255f;
            }
            flat = Nd4j.create(pixels, new long[] {n, (long) rows * cols}, 'c');
            IntStream.range(0, n).forEach(i -> labels.add("image " + i));
        } else {
            flat = Nd4j.create(Pictures.grey(input, rows, cols, invert), new long[] {1, (long) rows * cols}, 'c');
            labels.add(input.getFileName().toString());
        }
        INDArray probs = saved.net().output(TrainData.layout(recipe.input()).arrange(flat, rows, cols), false);
        for (int i = 0; i < labels.size(); i++) {
            out.println(labels.get(i) + ": " + topClasses(probs.getRow(i).toDoubleVector(), saved.classNames(), top));
        }
        return 0;
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
