package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.train.RunFolder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run already wrote is never lost, nor silently replaced: overwrite, locks, retries, resumes. */
class NothingLostTest {
    @TempDir
    Path tmp;

    /** XOR for 20 epochs (full batch: 20 updates) unless {@code more} says otherwise. */
    private static CliRun xor(Path out, String... more) {
        List<String> args =
                new java.util.ArrayList<>(List.of("train", "xor", "--verbose", "0", "--out", out.toString()));
        if (!List.of(more).contains("--epochs")) {
            args.addAll(List.of("--epochs", "20"));
        }
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void overwriteReplacesOnlyTheFilesTheZooWrote() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, xor(run).code());
        Files.writeString(run.resolve("notes.txt"), "mine");
        Files.createDirectories(run.resolve("plots"));
        Files.writeString(run.resolve("plots/mine.png"), "mine");
        Map<String, String> before = BadInputTest.snapshot(run);

        CliRun again = xor(run, "--seed", "7", "--overwrite");
        assertEquals(0, again.code(), again.err());
        assertEquals("mine", Files.readString(run.resolve("notes.txt")));
        assertEquals("mine", Files.readString(run.resolve("plots/mine.png")));
        assertTrue(Files.readString(run.resolve("recipe.yaml")).contains("seed: 7"));
        assertFalse(
                before.get("metrics.json").equals(BadInputTest.snapshot(run).get("metrics.json")),
                "the new run's metrics replaced the old");
    }

    @Test
    void compareOverwritesItsOwnComparison() throws IOException {
        Path out = tmp.resolve("cmp");
        CliRun first = CliRun.of("compare", "xor", "--epochs", "5", "--verbose", "0", "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliRun again =
                CliRun.of("compare", "xor", "--epochs", "6", "--verbose", "0", "--out", out.toString(), "--overwrite");
        assertEquals(0, again.code(), again.err());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertTrue(Files.readString(out.resolve("runs/xor/recipe.yaml")).contains("epochs: 6"));
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolder() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, xor(run).code());
        Map<String, String> before = BadInputTest.snapshot(run);
        Process holder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "src/test/resources/lock/HoldLock.java",
                        run.toString())
                .redirectErrorStream(true)
                .start();
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
            assertEquals("locked", line);
            for (CliRun r :
                    List.of(xor(run, "--seed", "7", "--overwrite"), CliRun.of("train", "--resume", run.toString()))) {
                assertEquals(2, r.code(), r.err());
                assertEquals(
                        "zoo: " + run + ": another zoo process is writing this folder (pid " + holder.pid()
                                + " on test-host); wait for it or choose another --out\n",
                        r.err());
            }
            assertEquals(before, BadInputTest.snapshot(run));
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        assertEquals(0, xor(run, "--seed", "7", "--overwrite").code(), "free again once the holder is gone");
    }

    @Test
    void aFolderHoldingOnlyAFailedStartIsReused() throws IOException {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve(RunFolder.MARKER), "run\n");
        Files.copy(Path.of("models/mlp.yaml"), run.resolve("recipe.yaml"));
        Files.writeString(run.resolve("env.json"), "{}");
        CliRun r = xor(run);
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(run.resolve("recipe.yaml")).contains("name: xor"));
    }

    @Test
    void resumeCompletesTheReportsOfAFinishedRun() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, xor(run).code());
        byte[] metrics = Files.readAllBytes(run.resolve("metrics.json"));
        Files.delete(run.resolve("learning-curves.png"));
        Files.delete(run.resolve("timing.json"));

        CliRun r = CliRun.of("train", "--resume", run.toString(), "--verbose", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out()
                        .startsWith(run + ": the run was finished; wrote what it lacked: timing.json,"
                                + " learning-curves.png\n"),
                r.out());
        assertTrue(Files.size(run.resolve("learning-curves.png")) > 0);
        assertTrue(Files.size(run.resolve("timing.json")) > 0);
        assertArrayEquals(metrics, Files.readAllBytes(run.resolve("metrics.json")));

        CliRun again = CliRun.of("train", "--resume", run.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("the run is finished (epochs after 20 epochs)"), again.err());
    }

    @Test
    void resumeWithMoreEpochsEndsAsALongerRunWould() throws IOException {
        Path longer = tmp.resolve("longer");
        Path resumed = tmp.resolve("resumed");
        assertEquals(0, xor(longer, "--epochs", "30").code());
        assertEquals(0, xor(resumed).code());
        CliRun r = CliRun.of("train", "--resume", resumed.toString(), "--epochs", "30", "--verbose", "0");
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(TrainCommandTest.params(longer), TrainCommandTest.params(resumed));
        assertArrayEquals(
                Files.readAllBytes(longer.resolve("metrics.json")),
                Files.readAllBytes(resumed.resolve("metrics.json")));
        assertTrue(Files.readString(resumed.resolve("recipe.yaml")).contains("epochs: 30"));
    }
}
