package io.github.dl4jzoo.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads {@code 90s}, {@code 5m}, {@code 1h30m} or a bare number of seconds: more than none, at most 30 days. */
final class Durations implements CommandLine.ITypeConverter<Duration> {
    static final Duration MAX = Duration.ofDays(30);

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms])");

    @Override
    public Duration convert(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.matches("\\d+(\\.\\d+)?")) {
            return bounded(Double.parseDouble(t), text);
        }
        Matcher m = PART.matcher(t);
        double seconds = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double v = Double.parseDouble(m.group(1));
            seconds += v
                    * switch (m.group(2)) {
                        case "h" -> 3600;
                        case "m" -> 60;
                        default -> 1;
                    };
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw new CommandLine.TypeConversionException(
                    "expected a duration such as 90s, 5m or 1h30m, got '" + text + "'");
        }
        return bounded(seconds, text);
    }

    private static Duration bounded(double seconds, String text) {
        long millis = Math.round(seconds * 1000);
        if (millis <= 0 || millis > MAX.toMillis()) {
            throw new CommandLine.TypeConversionException(
                    "expected a duration from 1ms to 30 days, such as 90s, 5m or 1h30m, got '" + text + "'");
        }
        return Duration.ofMillis(millis);
    }
}
