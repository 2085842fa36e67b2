package io.github.dl4jzoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder of one run: {@code recipe.yaml} (resolved), {@code model.zip} (DL4J ModelSerializer, updater state
 * and normaliser included), {@code state.json} and {@code checkpoint-N.zip} while training, then the reports.
 * Every file is written to a temporary name and renamed, so a killed run never leaves a half-written file.
 */
public record RunFolder(Path dir) {
    public static final String RECIPE = "recipe.yaml";
    public static final String MODEL = "model.zip";
    public static final String STATE = "state.json";

    /** A new run folder. An existing non-empty folder is refused unless {@code overwrite}, which empties it. */
    public static RunFolder create(Path dir, boolean overwrite) {
        try {
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                if (!overwrite) {
                    throw new TrainException(
                            dir + ": the output folder exists; choose another --out or add --overwrite");
                }
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RunFolder(dir);
    }

    /** An existing run folder, checked to be one (it has a resolved recipe). */
    public static RunFolder open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(RECIPE))) {
            throw new TrainException(dir + ": not a run folder (expected " + RECIPE + " in it, as zoo train writes)");
        }
        return new RunFolder(dir);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public Path checkpoint(int epoch, long batches) {
        return dir.resolve("checkpoint-" + epoch + "-" + batches + ".zip");
    }

    /** Writes text through a temporary file and an atomic rename. */
    public void writeText(String name, String text) {
        write(file(name), tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    public interface Writer {
        void to(Path tmp) throws IOException;
    }

    /** Writes {@code target} through {@code target.tmp} and an atomic rename. */
    public static void write(Path target, Writer writer) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            writer.to(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
        }
    }
}
