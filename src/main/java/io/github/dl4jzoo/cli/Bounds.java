package io.github.dl4jzoo.cli;

import java.util.Locale;
import picocli.CommandLine;

/**
 * Whole-number options checked when the command line is parsed, each against a range a run can honour: a value
 * outside it is refused naming the option, before anything is read or written. The upper bounds are far above
 * any sensible use and below what exhausts the machine (a million epochs, a hundred seeds).
 */
final class Bounds {
    private Bounds() {}

    abstract static class Range implements CommandLine.ITypeConverter<Integer> {
        private final int min;
        private final int max;

        Range(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String text) {
            long v;
            try {
                v = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException(expected() + ", got '" + text + "'");
            }
            if (v < min || v > max) {
                throw new CommandLine.TypeConversionException(expected() + ", got " + text.trim());
            }
            return (int) v;
        }

        private String expected() {
            return String.format(Locale.ROOT, "expected a whole number from %,d to %,d", min, max);
        }
    }

    /** Epochs, batch sizes, iterations, examples: at least one. */
    static final class Count extends Range {
        Count() {
            super(1, 1_000_000);
        }
    }

    /** Warm-up iterations: none is fine. */
    static final class CountOrNone extends Range {
        CountOrNone() {
            super(0, 1_000_000);
        }
    }

    /** Early stopping's patience, in epochs. */
    static final class Patience extends Range {
        Patience() {
            super(1, 10_000);
        }
    }

    /** Repeats of a comparison: each is a full training run per recipe. */
    static final class Seeds extends Range {
        Seeds() {
            super(1, io.github.dl4jzoo.api.Comparison.MAX_SEEDS);
        }
    }

    /** Classes shown per example. */
    static final class Top extends Range {
        Top() {
            super(1, 1_000);
        }
    }

    /**
     * Compute threads: more than four per core only adds switching, and OpenMP crashes the JVM when asked for
     * tens of thousands.
     */
    static final class Threads extends Range {
        static final int PER_CORE = 4;

        Threads() {
            super(1, PER_CORE * Runtime.getRuntime().availableProcessors());
        }
    }

    static final class Verbosity extends Range {
        Verbosity() {
            super(0, 2);
        }
    }
}
