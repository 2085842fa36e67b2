package io.github.dl4jzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoo compare --master}: the same comparison as in one process, the report says runs shared a machine, and
 * {@code --gradients} reaches every task.
 */
class CompareOnSparkTest {
    @TempDir
    Path tmp;

    @Test
    void theSameResultsAsSequentialWithHowManyRanAtOnce() throws IOException {
        Cli spark = Cli.run(
                "compare",
                "linear-softmax",
                "xor",
                "--epochs",
                "1",
                "--master",
                "local[2]",
                "--gradients",
                "--out",
                tmp.resolve("spark").toString());
        assertEquals(0, spark.code(), spark.toString());
        Cli plain = Cli.run(
                "compare",
                "linear-softmax",
                "xor",
                "--epochs",
                "1",
                "--verbose",
                "0",
                "--out",
                tmp.resolve("plain").toString());
        assertEquals(0, plain.code(), plain.toString());

        String a = Files.readString(tmp.resolve("spark/results.csv")),
                b = Files.readString(tmp.resolve("plain/results.csv"));
        // Every column that is not a time, a speed or a memory figure.
        assertEquals(measures(b), measures(a));
        assertTrue(Files.readString(tmp.resolve("spark/report.md")).contains("- runs at once: 2 (Spark local[2])"));
        assertFalse(Files.readString(tmp.resolve("plain/report.md")).contains("runs at once"));
        // --gradients travels to the tasks: each run folder has its gradient log
        try (java.util.stream.Stream<Path> files = Files.walk(tmp.resolve("spark"))) {
            assertEquals(
                    2,
                    files.filter(f -> f.getFileName().toString().equals("gradients.csv"))
                            .count());
        }
    }

    /** recipe, parameters, accuracy and macro F1 of each row. */
    private static String measures(String csv) {
        StringBuilder s = new StringBuilder();
        String[] header = csv.lines().findFirst().orElseThrow().split(",");
        java.util.List<String> keep = java.util.List.of("recipe", "parameters", "accuracy_mean", "macro_f1_mean");
        csv.lines().skip(1).forEach(line -> {
            String[] cells = line.split(",", -1);
            for (int i = 0; i < header.length; i++) {
                if (keep.contains(header[i])) {
                    s.append(cells[i]).append(' ');
                }
            }
            s.append('\n');
        });
        return s.toString();
    }
}
