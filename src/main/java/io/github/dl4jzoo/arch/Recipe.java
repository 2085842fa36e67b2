package io.github.dl4jzoo.arch;

import io.github.dl4jzoo.data.Augmentation;
import io.github.dl4jzoo.data.DataRequest;
import io.github.dl4jzoo.data.Layout;
import io.github.dl4jzoo.data.SeriesSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A named, complete description of one training run: the architecture, the data pipeline, every
 * hyper-parameter and the seed. Loaded from {@code models/NAME.yaml} by {@link RecipeReader}; every component
 * is checked here or there, so a {@code Recipe} that exists is one that can be built.
 */
public record Recipe(
        String name,
        String description,
        Task task,
        String dataset,
        Input input,
        Arch arch,
        Output output,
        WeightInit weightInit,
        Updater updater,
        Regularization regularization,
        Clipping clipping,
        int batchSize,
        int epochs,
        long seed,
        DataSpec data) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public Recipe {
        if (!NAME.matcher(name).matches()) {
            throw new RecipeException("name: expected lower-case letters, digits and dashes, got '" + name + "'");
        }
        if (task == Task.CLASSIFICATION
                && output.units() < 2
                && !output.activation().is(Activation.SIGMOID)
                && !output.activation().equals(ActivationFunction.STEP)) {
            throw new RecipeException(
                    "output.units: expected at least 2 classes, or 1 unit with a sigmoid or step output for a binary classifier");
        }
        if ((task == Task.FORECASTING) != (data.window() != null)) {
            throw new RecipeException("data.window: required for task forecasting and only there");
        }
        if (data.window() != null
                && input.size()
                        != data.window().steps() * data.window().features().size()) {
            throw new RecipeException("input: expected "
                    + data.window().steps() * data.window().features().size()
                    + " values (data.window.steps x data.window.features), got " + input.size());
        }
    }

    public String family() {
        return arch.family();
    }

    /**
     * Whether a layer uses the zoo's {@link ActivationStep}: gradient descent cannot train such a network, and a
     * saved model needs that class on the classpath to load.
     */
    public boolean usesStep() {
        return output.activation().equals(ActivationFunction.STEP)
                || arch.activations().contains(ActivationFunction.STEP);
    }

    /** The number of trainable parameters, counted from the shapes alone (no native code is loaded). */
    public long parameterCount() {
        return arch.parameterCount(input, output);
    }

    /**
     * What this recipe asks of its data, in the data layer's words: shape, split, scaling, augmentation, batches;
     * {@code dataFlag} is the {@code --data} folder or file, when given.
     */
    public DataRequest dataRequest(Optional<Path> dataFlag) {
        int[] size = input.imageSize();
        Augment a = data.augment();
        Window w = data.window();
        return new DataRequest(
                dataFlag,
                input.layout(),
                input.channels(),
                size[0],
                size[1],
                input.size(),
                Optional.ofNullable(w)
                        .map(x ->
                                new SeriesSpec(x.date(), x.features(), x.target(), x.steps(), x.horizon(), x.stride())),
                w == null ? 0 : w.testRows(),
                batchSize,
                seed,
                data.validation(),
                data.standardize(),
                a == null ? Augmentation.NONE : new Augmentation(a.shift(), a.rotateDegrees(), a.flip()));
    }

    public enum Task {
        CLASSIFICATION,
        REGRESSION,
        FORECASTING;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the network sees for one example. The data pipeline lays its arrays out to match. */
    public sealed interface Input {
        InputType inputType();

        /** The number of values in one example. */
        int size();

        /** How a batch is shaped for this input: vectors flat, images NCHW, sequences [batch, features, steps]. */
        Layout layout();

        /** Picture channels the network reads: an image's, else 1 (grey). */
        default int channels() {
            return 1;
        }

        /**
         * The picture size {rows, cols} the network reads: an image's height and width, a sequence's steps (rows)
         * and features (a row's pixels), or a square for a flat vector.
         */
        default int[] imageSize() {
            if (this instanceof Image i) {
                return new int[] {i.height(), i.width()};
            }
            if (this instanceof Sequence s) {
                return new int[] {s.steps(), s.features()};
            }
            int side = (int) Math.round(Math.sqrt(size()));
            return new int[] {side, size() / side};
        }

        record Image(int channels, int height, int width) implements Input {
            public InputType inputType() {
                return InputType.convolutional(height, width, channels);
            }

            public Layout layout() {
                return Layout.IMAGE;
            }

            public int size() {
                return channels * height * width;
            }
        }

        /** A sequence of {@code steps} time steps with {@code features} values each. */
        record Sequence(int steps, int features) implements Input {
            public InputType inputType() {
                return InputType.recurrent(features, steps);
            }

            public Layout layout() {
                return Layout.SEQUENCE;
            }

            public int size() {
                return steps * features;
            }
        }

        record Vector(int features) implements Input {
            public InputType inputType() {
                return InputType.feedForward(features);
            }

            public Layout layout() {
                return Layout.FLAT;
            }

            public int size() {
                return features;
            }
        }
    }

    /** The last layer: its width, activation and loss. */
    public record Output(int units, ActivationFunction activation, Loss loss) {}

    public record Updater(Kind kind, double learningRate, double momentum, Schedule schedule) {
        public enum Kind {
            SGD,
            NESTEROVS,
            ADAM,
            RMSPROP,
            ADAGRAD
        }
    }

    /**
     * A learning-rate schedule over iterations. {@code inverse}: lr / (1 + gamma * t)^power, which with power 1
     * is Keras' legacy {@code decay}; {@code exponential}: lr * gamma^t; {@code step}: lr * gamma^floor(t / step).
     */
    public record Schedule(Kind kind, double gamma, double power, int step) {
        public enum Kind {
            INVERSE,
            EXPONENTIAL,
            STEP
        }
    }

    /** {@code dropout} is the probability of dropping a unit (Keras' convention, not DL4J's retain probability). */
    public record Regularization(double l1, double l2, double dropout) {
        public static final Regularization NONE = new Regularization(0, 0, 0);
    }

    public record Clipping(org.deeplearning4j.nn.conf.GradientNormalization kind, double threshold) {
        public static final Clipping NONE = new Clipping(org.deeplearning4j.nn.conf.GradientNormalization.None, 1.0);
    }

    /**
     * How the data pipeline feeds this recipe. {@code validation}: the share of the training split held out
     * (seeded). {@code augment} and {@code window} are absent when unused.
     */
    public record DataSpec(double validation, boolean standardize, Augment augment, Window window) {}

    /** Random image transforms as Keras' ImageDataGenerator: shift as a share of the side, rotation in degrees. */
    public record Augment(double shift, double rotateDegrees, boolean flip) {}

    /**
     * Sliding windows over a time series ordered by the {@code date} column: {@code steps} past values of the
     * {@code features} columns predict {@code target} {@code horizon} steps after the window; the last
     * {@code testRows} rows are the test period.
     */
    public record Window(
            String date, int steps, int horizon, int stride, List<String> features, String target, int testRows) {}
}
