package io.github.dl4jzoo.api;

import io.github.dl4jzoo.api.Prediction.Classes;
import io.github.dl4jzoo.api.Prediction.Example;
import io.github.dl4jzoo.api.Prediction.Forecast;
import io.github.dl4jzoo.api.Prediction.Options;
import io.github.dl4jzoo.api.Prediction.Score;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.DataFile;
import io.github.dl4jzoo.data.DataKind;
import io.github.dl4jzoo.data.Datasets;
import io.github.dl4jzoo.data.SeriesSpec;
import io.github.dl4jzoo.data.Standardisation;
import io.github.dl4jzoo.data.TimeSeries;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.FastDense;
import io.github.dl4jzoo.train.SavedRun;
import io.github.dl4jzoo.train.TrainException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.factory.Nd4j;

/** A saved run applied to new input: what its dataset's kind reads (IDX images, pictures), or a CSV series. */
final class Predictor {
    private Predictor() {}

    static Prediction of(Path runDirOrModel, Path input, Options options) {
        Engine.configure(); // before the model's layers exist: they pick their helpers when created
        return of(SavedRun.open(runDirOrModel), input, options);
    }

    static Prediction of(SavedRun saved, Path input, Options options) {
        Recipe recipe = saved.recipe();
        if (!java.nio.file.Files.exists(input)) {
            throw new TrainException(input + ": not found (--input)");
        }
        if (recipe.task() == Recipe.Task.FORECASTING) {
            return forecast(saved, input);
        }
        DataKind.Examples read = Datasets.examples(
                recipe.dataset(), input, recipe.dataRequest(Optional.empty()), options.invert(), options.limit());
        // The kinds read pixels scaled to [0, 1]; the zip's normaliser takes grey levels 0-255, as a program with
        // DL4J alone would give it, and applies the scaling and standardisation the model was trained with.
        INDArray x = read.features().mul(Standardisation.MAX_GREY_LEVEL);
        normaliser(saved).transform(x);
        INDArray probs = FastDense.of(saved.net()).output(x);
        List<String> labels = read.names();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            double[] p = probs.getRow(i).toDoubleVector();
            double[] classes = p.length == 1 ? new double[] {1 - p[0], p[0]} : p; // one sigmoid: P(class 1)
            List<Score> scores = new ArrayList<>();
            for (int c = 0; c < classes.length; c++) {
                scores.add(new Score(saved.classNames().get(c), classes[c]));
            }
            examples.add(new Example(labels.get(i), List.copyOf(scores)));
        }
        return new Classes(List.copyOf(examples));
    }

    /** The zip's own preprocessing; zips from before it was saved there scaled pixels to [0, 1] and no more. */
    private static DataNormalization normaliser(SavedRun saved) {
        if (saved.normaliser().isPresent()) {
            return saved.normaliser().get();
        }
        if (saved.recipe().data().standardize()) {
            throw new TrainException(saved.model() + ": the model was saved without its standardisation; train it"
                    + " again (zoo train) to keep the preprocessing in the zip");
        }
        return new ImagePreProcessingScaler(0, 1);
    }

    /** The next value after the CSV's last window, in the target's units. */
    private static Forecast forecast(SavedRun saved, Path input) {
        Recipe.Window w = saved.recipe().data().window();
        SeriesSpec spec = new SeriesSpec(w.date(), w.features(), w.target(), w.steps(), w.horizon(), w.stride());
        TimeSeries series = TimeSeries.readCsv(DataFile.of(input), spec);
        if (series.rows() < w.steps()) {
            throw new TrainException(
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
        INDArray y = FastDense.of(saved.net()).output(x);
        if (saved.normaliser().isPresent()) {
            saved.normaliser().get().revertLabels(y);
        }
        return new Forecast(w.target(), w.horizon(), series.dates().get(series.rows() - 1), y.getDouble(0));
    }
}
