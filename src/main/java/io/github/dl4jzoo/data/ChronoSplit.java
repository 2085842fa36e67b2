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
}
