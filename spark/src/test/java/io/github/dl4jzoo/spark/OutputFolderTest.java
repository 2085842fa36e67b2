package io.github.dl4jzoo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.train.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sweep} and {@code compare --master} write their folder as {@code zoo compare} does: {@code --overwrite}
 * empties only a folder the zoo marked as a comparison, and a folder another writer holds is refused. Both are
 * refused before a Spark context starts, and the folder is left byte for byte as it was.
 */
class OutputFolderTest {
    @TempDir
    Path tmp;

    /** A sweep, and a comparison with --master, each given --overwrite and --out. */
    static Stream<List<String>> commands() {
        return Stream.of(
                List.of("sweep", "linear-softmax", "--grid", "updater.lr=0.001,0.003", "--master", "local[2]"),
                List.of("compare", "linear-softmax", "xor", "--epochs", "1", "--master", "local[2]"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void overwriteLeavesAFolderTheZooDidNotWrite(List<String> command) throws IOException {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("src/Main.java"), "class Main {}\n");
        Files.writeString(project.resolve("results.csv"), "mine,not the zoo's\n");
        Map<String, String> before = snapshot(project);
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--out", project.toString(), "--overwrite"));
        Cli run = Cli.run(args.toArray(String[]::new));
        assertRefused(run, project + ": the output folder exists and the zoo did not write it");
        assertEquals(before, snapshot(project));
    }

    @Test
    void aSweepIntoAFolderAnotherWriterHoldsIsRefused() {
        Path held = tmp.resolve("held");
        try (RunFolder writer = RunFolder.create(held, false, RunFolder.Kind.COMPARISON)) {
            Map<String, String> before = snapshot(held);
            Cli run = Cli.run(
                    "sweep",
                    "linear-softmax",
                    "--epochs",
                    "1",
                    "--master",
                    "local[2]",
                    "--out",
                    held.toString(),
                    "--overwrite");
            assertRefused(
                    run,
                    held + ": another zoo process is writing this folder (pid "
                            + ProcessHandle.current().pid());
            assertEquals(before, snapshot(held));
        }
    }

    @Test
    void aSweepRefusesADataPathItWouldIgnoreBeforeMakingItsFolder() {
        Path out = tmp.resolve("sweep");
        Cli run = Cli.run("sweep", "xor", "--data", tmp.toString(), "--master", "local[2]", "--out", out.toString());
        assertRefused(run, "--data " + tmp + ": dataset xor is a built-in teaching set and reads no files");
        assertFalse(Files.exists(out), "no folder was made");
    }

    private static void assertRefused(Cli run, String message) {
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().startsWith("zoo: " + message), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.out().contains("spark:"), "no Spark context was started: " + run.out());
    }

    /** Every file under {@code dir} with its bytes, as text. */
    private static Map<String, String> snapshot(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
