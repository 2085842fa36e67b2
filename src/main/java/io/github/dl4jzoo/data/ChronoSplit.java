package io.github.dl4jzoo.data;

/**
 * A split by time: the last {@code testRows} rows are the test period, the {@code validationRows}
 * before them the validation period, everything earlier is training. Nothing is shuffled across
 * these boundaries: a model must never train on the future it is evaluated on.
 */
public record ChronoSplit(int validationRows, int testRows) {
    public ChronoSplit {
        if (validationRows < 0 || testRows < 0) {
            throw new IllegalArgumentException(
                    "validationRows, testRows: expected >= 0, got " + validationRows + ", " + testRows);
        }
    }

    /**
     * The last {@code testRows} rows for test, and the given share of the rows before them (the
     * latest ones) for validation, as a recipe states it: {@code validation: 0.1, testRows: 24}.
     */
    public static ChronoSplit withValidationShare(int rows, double validationShare, int testRows) {
        if (!(validationShare >= 0 && validationShare < 1)) {
            throw new IllegalArgumentException("validationShare: expected in [0, 1), got " + validationShare);
        }
        return new ChronoSplit((int) Math.round(Math.max(0, rows - testRows) * validationShare), testRows);
    }
}
