package io.github.dl4jzoo.data;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;

/**
 * The rows of a time-series CSV that a {@link SeriesSpec} names: dates (strictly increasing) and,
 * per row, the feature values and the target value. Read with DataVec's {@link CSVRecordReader};
 * every cell used is checked, so a bad file fails here with its line and column, not later as a
 * NaN in training.
 */
public record TimeSeries(
        String source,
        List<String> dates,
        List<String> featureColumns,
        double[][] features,
        String targetColumn,
        double[] target) {

    public int rows() {
        return dates.size();
    }

    /** A spacing of dates and the number of rows in one season of it. */
    private enum Spacing {
        HOURLY(24),
        DAILY(7),
        WEEKLY(52),
        MONTHLY(12),
        QUARTERLY(4);

        final int season;

        Spacing(int season) {
            this.season = season;
        }

        static Optional<Spacing> of(LocalDateTime from, LocalDateTime to) {
            Duration gap = Duration.between(from, to);
            long days = gap.toDays();
            if (gap.equals(Duration.ofHours(1))) {
                return Optional.of(HOURLY);
            } else if (gap.equals(Duration.ofDays(1))) {
                return Optional.of(DAILY);
            } else if (gap.equals(Duration.ofDays(7))) {
                return Optional.of(WEEKLY);
            } else if (days >= 28 && days <= 31 && gap.toHoursPart() == 0) {
                return Optional.of(MONTHLY);
            } else if (days >= 89 && days <= 92 && gap.toHoursPart() == 0) {
                return Optional.of(QUARTERLY);
            }
            return Optional.empty();
        }
    }

    /**
     * The number of rows in one season, from the usual spacing of the dates: 24 for hourly rows (a day), 7 for
     * daily (a week), 52 for weekly, 12 for monthly and 4 for quarterly (a year). Empty when most gaps are
     * none of these (yearly or irregular rows), where a seasonal forecast has no season to repeat. A few
     * missing rows do not change the answer: the most common spacing wins.
     */
    public OptionalInt seasonalPeriod() {
        Map<Optional<Spacing>, Integer> counts = new HashMap<>();
        for (int i = 1; i < rows(); i++) {
            counts.merge(Spacing.of(date(dates.get(i - 1)), date(dates.get(i))), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .flatMap(Map.Entry::getKey)
                .map(s -> OptionalInt.of(s.season))
                .orElse(OptionalInt.empty());
    }

    /** A date as {@link #readCsv} accepted it. */
    private static LocalDateTime date(String text) {
        return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text.replace(' ', 'T'));
    }

    /**
     * Reads a CSV with a header row. Only the date, feature and target columns are read and
     * checked; other columns may hold anything. Dates are ISO-8601 ({@code 1958-03-01} or
     * {@code 1958-03-01T12:00}); a trailing blank line is allowed, a blank line between rows is not.
     */
    public static TimeSeries readCsv(DataFile file, SeriesSpec spec) {
        checkShape(file);
        CSVRecordReader reader = new CSVRecordReader(0, ',');
        try {
            reader.initialize(new InputStreamInputSplit(file.openContent()));
        } catch (IOException | InterruptedException e) {
            throw DataException.at(file.name(), "cannot open as CSV: " + e.getMessage());
        }
        try {
            return read(file.name(), reader, spec);
        } finally {
            try {
                reader.close();
            } catch (IOException ignored) {
                // closing a fully read stream: nothing to report
            }
        }
    }

    /** Longest line read: a table's row is short, and one huge line would fill the heap before it is parsed. */
    static final int MAX_LINE_BYTES = 1 << 20;
    /** Largest series read: its windows are built in memory, several times the file's size. */
    static final long MAX_CSV_BYTES = 256L << 20;

    /** Refuses, before parsing, a file with a line or a size that is not a table's. */
    private static void checkShape(DataFile file) {
        try (InputStream in = file.openContent()) {
            byte[] block = new byte[1 << 16];
            long total = 0;
            int line = 1;
            int length = 0;
            for (int n; (n = in.read(block)) != -1; ) {
                for (int i = 0; i < n; i++) {
                    if (block[i] == '\n') {
                        line++;
                        length = 0;
                    } else if (++length > MAX_LINE_BYTES) {
                        throw DataException.at(
                                file.name(),
                                String.format(
                                        Locale.ROOT,
                                        "line %d: longer than %,d bytes; expected the rows of a CSV table",
                                        line,
                                        MAX_LINE_BYTES));
                    }
                }
                total += n;
                if (total > MAX_CSV_BYTES) {
                    throw DataException.at(
                            file.name(),
                            String.format(
                                    Locale.ROOT,
                                    "larger than %,d MiB; the zoo reads series up to that size",
                                    MAX_CSV_BYTES >> 20));
                }
            }
        } catch (IOException e) {
            throw DataException.at(file.name(), "cannot read: " + e.getMessage());
        }
    }

    private static TimeSeries read(String name, CSVRecordReader reader, SeriesSpec spec) {
        if (!reader.hasNext()) {
            throw DataException.at(name, "line 1: expected a header row naming the columns, got an empty file");
        }
        List<String> header = strings(reader.next()).stream().map(String::trim).toList();
        int dateIndex = column(name, header, spec.dateColumn());
        int[] featureIndex = new int[spec.featureColumns().size()];
        for (int f = 0; f < featureIndex.length; f++) {
            featureIndex[f] = column(name, header, spec.featureColumns().get(f));
        }
        int targetIndex = column(name, header, spec.targetColumn());

        List<String> dates = new ArrayList<>();
        List<double[]> features = new ArrayList<>();
        List<Double> target = new ArrayList<>();
        LocalDateTime previous = null;
        int line = 1;
        int blankLine = 0;
        while (reader.hasNext()) {
            List<String> cells = strings(reader.next());
            line++;
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                blankLine = blankLine == 0 ? line : blankLine;
                continue;
            }
            if (blankLine != 0) {
                throw DataException.at(name, "line " + blankLine + ": expected a data row, got a blank line");
            }
            if (cells.size() != header.size()) {
                throw DataException.at(
                        name, "line " + line + ": expected " + header.size() + " columns, got " + cells.size());
            }
            String dateText = cells.get(dateIndex).trim();
            LocalDateTime date = parseDate(name, line, dateIndex, header, dateText);
            if (previous != null && !date.isAfter(previous)) {
                String why = date.isEqual(previous)
                        ? "got " + dateText + " again (duplicate date)"
                        : "got " + dateText + " (dates must increase)";
                throw DataException.at(
                        where(name, line, dateIndex, header),
                        "expected a date after " + dates.get(dates.size() - 1) + " (line " + (line - 1) + "), " + why);
            }
            previous = date;
            dates.add(dateText);
            double[] row = new double[featureIndex.length];
            for (int f = 0; f < row.length; f++) {
                row[f] = number(name, line, featureIndex[f], header, cells.get(featureIndex[f]));
            }
            features.add(row);
            target.add(number(name, line, targetIndex, header, cells.get(targetIndex)));
        }
        return new TimeSeries(
                name,
                List.copyOf(dates),
                spec.featureColumns(),
                features.toArray(new double[0][]),
                spec.targetColumn(),
                target.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static int column(String name, List<String> header, String wanted) {
        int index = header.indexOf(wanted);
        if (index < 0) {
            throw DataException.at(
                    name, "line 1: expected a column named '" + wanted + "', got columns " + String.join(", ", header));
        }
        return index;
    }

    private static double number(String name, int line, int column, List<String> header, String cell) {
        String text = cell.trim();
        if (text.isEmpty()) {
            throw DataException.at(where(name, line, column, header), "expected a number, got an empty cell");
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the cell's text
        }
        throw DataException.at(where(name, line, column, header), "expected a number, got '" + text + "'");
    }

    private static LocalDateTime parseDate(String name, int line, int column, List<String> header, String text) {
        try {
            return date(text);
        } catch (DateTimeParseException e) {
            throw DataException.at(
                    where(name, line, column, header), "expected an ISO-8601 date like 1958-03-01, got '" + text + "'");
        }
    }

    private static String where(String name, int line, int column, List<String> header) {
        return name + ": line " + line + ", column " + (column + 1) + " (" + header.get(column) + ")";
    }

    private static List<String> strings(List<Writable> record) {
        List<String> cells = new ArrayList<>(record.size());
        for (Writable w : record) {
            cells.add(w.toString());
        }
        return cells;
    }
}
