package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heap that runs out is one line saying how much was in use and how to give the zoo more, not a stack trace.
 * A zoo with a 40 MB heap reads a valid 23 MB series (a million minutes): its rows do not fit.
 */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void runningOutOfHeapIsOneLine() throws IOException, InterruptedException {
        Path csv = tmp.resolve("minutes.csv");
        LocalDateTime t = LocalDateTime.of(1958, 3, 1, 0, 0);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("Date,CO2\n");
            for (int i = 0; i < 1_000_000; i++) {
                w.write(t.plusMinutes(i).format(f));
                w.write(",315.7\n");
            }
        }
        Path out = tmp.resolve("run");
        Process p = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx40m",
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        Zoo.class.getName(),
                        "train",
                        "mlp-forecast",
                        "--set",
                        "dataset=csv:" + csv,
                        "--out",
                        out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> err = new String(p.getErrorStream().readAllBytes()).lines().toList();
        assertEquals(1, p.waitFor(), String.join("\n", err));
        String last = err.get(err.size() - 1);
        assertTrue(
                last.matches(
                        "zoo: out of memory: the Java heap holds \\d+ MB of its \\d+ MB limit; give it more, e\\.g\\."
                                + " ZOO_JAVA_OPTS=-Xmx\\d+g \\./zoo \\.\\.\\."),
                last);
        assertFalse(String.join("\n", err).contains("\tat "), "no stack trace");
        assertFalse(Files.exists(out), "nothing was written");
    }
}
