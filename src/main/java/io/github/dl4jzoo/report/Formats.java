package io.github.dl4jzoo.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as a person reads them (pages, tables) and as a program reads them (CSV). Locale.ROOT everywhere so
 * that a German or French machine writes the same files.
 */
public final class Formats {
    static final double BYTES_PER_MB = 1_000_000.0;

    /** Shown where a number does not exist (NaN, or a baseline's training time). */
    static final String NONE = "–";

    private Formats() {}

    /** Accuracy, precision, recall, F1, R²: four decimals, as in papers. */
    static String fraction(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4f", x) : NONE;
    }

    /** Counts: thousands separators. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * Measurements (seconds, samples/s, milliseconds, MB, errors in original units): whole numbers with
     * separators from 100 up, else {@code digits} significant digits (6.00, 53.0, 0.375); more digits than the
     * noise would be false precision.
     */
    static String measure(double x, int digits) {
        if (!Double.isFinite(x)) {
            return NONE;
        }
        if (Math.abs(x) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", x);
        }
        if (x == 0) {
            return "0";
        }
        double rounded = new BigDecimal(x).round(new MathContext(digits)).doubleValue();
        int decimals = Math.max(0, digits - 1 - (int) Math.floor(Math.log10(Math.abs(rounded))));
        return String.format(Locale.ROOT, "%." + decimals + "f", rounded);
    }

    static double megabytes(long bytes) {
        return bytes / BYTES_PER_MB;
    }

    /**
     * A number in a CSV cell: empty for NaN (spreadsheets and pandas read that as missing), else plain decimal
     * notation rounded to 12 significant digits, which drops the float noise of averages (0.8200000000000001)
     * and keeps every digit a measurement can have.
     */
    static String csv(double x) {
        if (!Double.isFinite(x)) {
            return "";
        }
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(x).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }
}
