package io.github.dl4jzoo.api;

import io.github.dl4jzoo.train.TrainException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a saved model says about new input, from {@link Zoo#predict}: class probabilities for each image, or the
 * next value of a series.
 */
public sealed interface Prediction {
    /**
     * How to read the input.
     *
     * @param invert invert a picture's grey levels (a dark drawing on a light background)
     * @param limit at most this many images of an IDX file
     */
    record Options(boolean invert, int limit) {
        /** Grey levels as they are, the first 10 images of an IDX file. */
        public static final Options DEFAULTS = new Options(false, 10);

        public Options {
            if (limit < 1) {
                throw new TrainException("--limit: expected at least 1, got " + limit);
            }
        }

        public Options withInvert(boolean yes) {
            return new Options(yes, limit);
        }

        public Options withLimit(int n) {
            return new Options(invert, n);
        }
    }

    /** One class and its probability. */
    record Score(String className, double probability) {
        /** "Ankle boot 0.9712". */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.4f", className, probability);
        }
    }

    /** One image (named by its file, or "image N" within an IDX file) and its class probabilities. */
    record Example(String label, List<Score> scores) {
        /** The {@code k} most probable classes, most probable first. */
        public List<Score> top(int k) {
            return scores.stream()
                    .sorted(Comparator.comparingDouble((Score s) -> -s.probability()))
                    .limit(k)
                    .toList();
        }
    }

    /** A classifier's answer: one example per image. */
    record Classes(List<Example> examples) implements Prediction {}

    /**
     * A forecaster's answer: {@code value} of {@code target}, {@code horizon} steps after the last date of the
     * input, in the target's units.
     */
    record Forecast(String target, int horizon, String after, double value) implements Prediction {}
}
