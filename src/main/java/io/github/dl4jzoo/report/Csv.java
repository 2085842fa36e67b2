package io.github.dl4jzoo.report;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 lines: a cell with a comma, quote or line break is quoted, quotes doubled; lines end in "\n". */
final class Csv {
    private Csv() {}

    static String line(List<String> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\n";
    }

    private static String cell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
