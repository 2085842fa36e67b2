package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.report.ComparisonReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A comparison's report says how to reproduce it, and running that command from the root gives the same table. */
class ReproduceTest {
    /** Columns the clock and the heap decide: they differ between any two runs. */
    private static final Set<String> MEASURED = Set.of(
            "train_seconds",
            "train_samples_per_second",
            "inference_samples_per_second",
            "latency_ms_p50",
            "peak_heap_mb",
            "peak_resident_mb");

    @TempDir
    Path tmp;

    @Test
    void theReproduceLineReproducesResultsCsv() throws IOException {
        Path out = tmp.resolve("cmp");
        CliRun first = CliRun.of(
                "--models",
                "models",
                "compare",
                "xor",
                "two-layer-sigmoid",
                "--epochs",
                "30",
                "--set",
                "updater.lr=0.2",
                "--verbose",
                "0",
                "--out",
                out.toString(),
                "--overwrite");
        assertEquals(0, first.code(), first.err());
        Matcher m = Pattern.compile("```bash\n(.*)\n```").matcher(Files.readString(out.resolve("report.md")));
        assertTrue(m.find());
        String command = m.group(1);
        assertEquals(
                "./zoo --models " + Path.of("models").toAbsolutePath() + " compare xor two-layer-sigmoid --epochs 30"
                        + " --set updater.lr=0.2 --verbose 0",
                command);

        // The tests run in the repository's root, as the line says; it writes a new runs/compare-<time> there.
        List<String> words = List.of(command.split(" "));
        CliRun again = CliRun.of(words.subList(1, words.size()).toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        Matcher report = Pattern.compile("report: (.*)/" + ComparisonReport.REPORT_HTML + "\n")
                .matcher(again.out());
        assertTrue(report.find(), again.out());
        Path second = Path.of(report.group(1));
        try {
            assertEquals(
                    deterministic(out.resolve(ComparisonReport.RESULTS_CSV)),
                    deterministic(second.resolve(ComparisonReport.RESULTS_CSV)));
        } finally {
            try (Stream<Path> all = Files.walk(second)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** results.csv without the measured columns. */
    private static List<String> deterministic(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",", -1);
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < header.length; i++) {
                if (!MEASURED.contains(header[i].replaceAll("_(mean|std)$", ""))) {
                    row.append(cells[i]).append(',');
                }
            }
            kept.add(row.toString());
        }
        assertEquals(3, kept.size(), kept.toString());
        return kept;
    }
}
