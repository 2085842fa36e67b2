package io.github.dl4jzoo.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoo sweep} in local[2] on the embedded sample: linear-softmax × 2 learning rates × 2 seeds, one epoch,
 * as four Spark tasks. Each run must be exactly the run {@code zoo train} makes of the same recipe.
 */
class SweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static Path out;
    static Cli sweep;

    @BeforeAll
    static void sweepOnce() {
        out = tmp.resolve("sweep");
        sweep = Cli.run(
                "sweep",
                "linear-softmax",
                "--grid",
                "updater.lr=0.001,0.003",
                "--seeds",
                "2",
                "--epochs",
                "1",
                "--master",
                "local[2]",
                "--out",
                out.toString());
    }

    @Test
    void writesTheComparisonOfFourRunsAndTheSweptValues() throws IOException {
        assertEquals(0, sweep.code(), sweep.toString());
        String csv = Files.readString(out.resolve("results.csv"));
        List<String> rows = csv.lines().skip(1).toList();
        assertEquals(2, rows.size(), csv);
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("linear-softmax updater.lr=0.001,linear,")), csv);
        assertTrue(rows.stream().allMatch(r -> r.contains(",123 124,2,")), "two seeds per grid point: " + csv);

        List<String> swept = Files.readString(out.resolve("sweep.csv")).lines().toList();
        assertEquals("recipe,updater.lr,metric,seeds,mean,std", swept.get(0));
        assertEquals(3, swept.size(), String.join("\n", swept));
        assertTrue(swept.get(1).startsWith("linear-softmax,0.001,accuracy,2,"), swept.get(1));
        assertTrue(Files.size(out.resolve("sweep-updater.lr.png")) > 1000);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Swept values"), md);
        assertTrue(md.contains("- runs at once: 2 (Spark local[2])"), md);
        assertTrue(md.contains("p vs best"), md);

        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            List<Path> folders = runs.sorted().toList();
            assertEquals(4, folders.size(), folders.toString());
            for (Path f : folders) {
                try (Stream<Path> files = Files.list(f)) {
                    List<String> names =
                            files.map(p -> p.getFileName().toString()).sorted().toList();
                    assertTrue(
                            names.containsAll(List.of("recipe.yaml", "model.zip", "metrics.json", "state.json")),
                            names.toString());
                    assertFalse(
                            names.stream().anyMatch(n -> n.endsWith(".crc") || n.endsWith(".tmp")), names.toString());
                }
            }
        }
    }

    @Test
    void eachTaskTrainsExactlyTheRunZooTrainMakes() throws IOException {
        assertEquals(0, sweep.code(), sweep.toString());
        Path single = tmp.resolve("single");
        Cli train = Cli.run(
                "train",
                "linear-softmax",
                "--set",
                "updater.lr=0.003",
                "--seed",
                "124",
                "--epochs",
                "1",
                "--verbose",
                "0",
                "--out",
                single.toString());
        assertEquals(0, train.code(), train.toString());
        Path task = out.resolve("runs").resolve("linear-softmax--updater.lr=0.003--seed124");
        JsonNode a = JSON.readTree(single.resolve("metrics.json").toFile()).get("test");
        JsonNode b = JSON.readTree(task.resolve("metrics.json").toFile()).get("test");
        assertEquals(a, b);
        MultiLayerNetwork x = ModelSerializer.restoreMultiLayerNetwork(
                single.resolve("model.zip").toFile());
        MultiLayerNetwork y = ModelSerializer.restoreMultiLayerNetwork(
                task.resolve("model.zip").toFile());
        assertArrayEquals(x.params().toFloatVector(), y.params().toFloatVector());
    }

    @Test
    void aBadGridValueIsRefusedBeforeAnyTaskStarts() {
        Path bad = tmp.resolve("bad");
        Cli run = Cli.run(
                "sweep",
                "linear-softmax",
                "--grid",
                "updater.type=adam,adamw",
                "--master",
                "local[2]",
                "--out",
                bad.toString());
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().startsWith("zoo: --grid updater.type=adamw: "), run.err());
        assertTrue(run.err().contains("updater.type"), run.err());
        assertTrue(run.err().contains("sgd"), "names the allowed values: " + run.err());
        assertFalse(run.out().contains("spark:"), "no Spark context was started: " + run.out());
        assertFalse(Files.exists(bad), "nothing was written");
    }
}
