package io.github.dl4jzoo.data;

import java.util.List;

/**
 * How a time-series CSV becomes training windows: which column holds the date, which columns are
 * inputs and which is predicted, and the window geometry. A window is {@code nSteps} consecutive
 * rows; its label is the target {@code horizon} rows after the window's last row (horizon 1 =
 * the next value); consecutive windows start {@code stride} rows apart.
 */
public record SeriesSpec(
        String dateColumn, List<String> featureColumns, String targetColumn, int nSteps, int horizon, int stride) {
    public SeriesSpec {
        featureColumns = List.copyOf(featureColumns);
        if (featureColumns.isEmpty()) {
            throw new IllegalArgumentException("featureColumns: expected at least one column name, got none");
        }
        if (dateColumn == null || dateColumn.isBlank() || targetColumn == null || targetColumn.isBlank()) {
            throw new IllegalArgumentException(
                    "dateColumn, targetColumn: expected column names, got " + dateColumn + ", " + targetColumn);
        }
        if (nSteps < 1) {
            throw new IllegalArgumentException("nSteps: expected >= 1, got " + nSteps);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon: expected >= 1 (1 = next value), got " + horizon);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride: expected >= 1, got " + stride);
        }
    }

    /** Rows one window needs: its steps plus the rows up to its label. */
    public int rowsPerWindow() {
        return nSteps + horizon;
    }
}
