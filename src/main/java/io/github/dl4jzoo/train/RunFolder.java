package io.github.dl4jzoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The folder of one run: {@code recipe.yaml} (resolved), {@code model.zip} (DL4J ModelSerializer, updater state
 * and normaliser included), {@code state.json} and {@code checkpoint-N.zip} while training, then the reports. A
 * comparison's folder is one too, of another kind. Every file is written to a temporary name and renamed, so a
 * killed run never leaves a half-written file.
 *
 * <p>The zoo marks each folder it creates ({@value #MARKER}) and holds a file lock ({@value #LOCK}) while it writes
 * one, so that {@code --overwrite} can only ever empty a folder the zoo wrote, and only of the files the zoo writes,
 * and two processes never write one folder at once.
 */
public final class RunFolder implements AutoCloseable {
    public static final String RECIPE = "recipe.yaml";
    public static final String MODEL = "model.zip";
    public static final String STATE = "state.json";
    /** Says which kind of folder the zoo wrote here: {@code run} or {@code comparison}. */
    public static final String MARKER = ".dl4jzoo";
    /** Held (an OS file lock) by the process writing the folder; it names that process. */
    public static final String LOCK = ".dl4jzoo.lock";

    /** What a folder holds; each kind knows the names of the files the zoo writes into it. */
    public enum Kind {
        RUN(Set.of(
                RECIPE,
                MODEL,
                STATE,
                "env.json",
                "classes.txt",
                "metrics.json",
                "timing.json",
                "history.csv",
                "learning-curves.png",
                "gradients.csv",
                "gradients.png")),
        COMPARISON(Set.of("results.csv", "results.json", "report.md", "report.html", "env.json", "sweep.csv"));

        private final Set<String> files;

        Kind(Set<String> files) {
            this.files = files;
        }

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** A file (not a folder) the zoo writes into this kind of folder. */
        boolean wrote(String name) {
            return files.contains(name)
                    || name.endsWith(".tmp")
                    || (this == RUN && name.matches("checkpoint-\\d+-\\d+\\.zip"))
                    || (this == COMPARISON && name.endsWith(".png"));
        }
    }

    /** Files a start that failed before training leaves behind: such a folder is free to reuse. */
    private static final Set<String> START_FILES = Set.of(MARKER, LOCK, RECIPE, "env.json", "classes.txt");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunFolder(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public Path dir() {
        return dir;
    }

    /** A new run folder; see {@link #create(Path, boolean, Kind)}. */
    public static RunFolder create(Path dir, boolean overwrite) {
        return create(dir, overwrite, Kind.RUN);
    }

    /**
     * A new folder of {@code kind}, locked until {@link #close()}. An empty or missing folder is used as it is; so
     * is one that holds only what a failed start left. A folder the zoo wrote is emptied of the zoo's files when
     * {@code overwrite} (files the user added stay); anything else is refused and left untouched.
     */
    public static RunFolder create(Path dir, boolean overwrite, Kind kind) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new TrainException(dir + ": exists and is not a folder; --out expects a folder");
        }
        List<String> names = names(dir);
        if (!names.isEmpty()) {
            String marked = marker(dir);
            if (marked == null) {
                throw new TrainException(dir + ": the output folder exists and the zoo did not write it (no " + MARKER
                        + " in it), so it is left as it is; choose another --out");
            }
            if (!marked.equals(kind.id())) {
                throw new TrainException(dir + ": the output folder holds a " + marked + ", not a " + kind.id()
                        + "; choose another --out");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TrainException(dir + ": cannot create the output folder (" + reason(e) + ")");
        }
        // Locked before anything is removed: a folder another process is writing is never emptied under it.
        RunFolder folder = lock(dir);
        try {
            if (!overwrite && !START_FILES.containsAll(names)) {
                throw new TrainException(dir + ": the output folder exists; choose another --out or add --overwrite");
            }
            folder.removeOwnFiles(dir, kind);
            folder.writeText(MARKER, kind.id() + "\n");
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
        return folder;
    }

    /** An existing run folder, checked to be one (it has a resolved recipe), for reading only. */
    public static RunFolder open(Path dir) {
        checkRun(dir);
        return new RunFolder(dir, null, null);
    }

    /** An existing run folder to go on writing: locked until {@link #close()}. */
    public static RunFolder resume(Path dir) {
        checkRun(dir);
        return lock(dir);
    }

    private static void checkRun(Path dir) {
        if (!Files.isRegularFile(dir.resolve(RECIPE))) {
            throw new TrainException(dir + ": not a run folder (expected " + RECIPE + " in it, as zoo train writes)");
        }
    }

    /** Takes the folder's lock, or names the process that holds it. */
    private static RunFolder lock(Path dir) {
        Path file = dir.resolve(LOCK);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new TrainException(dir + ": cannot write in the folder (" + reason(e) + ")");
        }
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this very process, through another channel
        } catch (IOException e) {
            closeQuietly(channel);
            throw new TrainException(file + ": cannot lock the folder (" + reason(e) + ")");
        }
        try {
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                closeQuietly(channel);
                throw new TrainException(dir + ": another zoo process is writing this folder ("
                        + (holder.isEmpty() ? "holder unknown" : holder) + "); wait for it or choose another --out");
            }
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown host";
            }
            String me = "pid " + ProcessHandle.current().pid() + " on " + host + ", started "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new RunFolder(dir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the files the zoo writes into a folder of {@code kind} (and the run folders of a comparison). */
    private void removeOwnFiles(Path folder, Kind kind) {
        for (String name : names(folder)) {
            Path p = folder.resolve(name);
            try {
                if (Files.isRegularFile(p) && kind.wrote(name)) {
                    Files.delete(p);
                } else if (kind == Kind.COMPARISON && name.equals("runs") && Files.isDirectory(p)) {
                    for (String run : names(p)) {
                        Path r = p.resolve(run);
                        if (Files.isDirectory(r) && Kind.RUN.id().equals(marker(r))) {
                            removeOwnFiles(r, Kind.RUN);
                            Files.deleteIfExists(r.resolve(MARKER));
                            Files.deleteIfExists(r.resolve(LOCK));
                            deleteIfEmpty(r);
                        }
                    }
                    deleteIfEmpty(p);
                }
            } catch (IOException e) {
                throw new TrainException(p + ": cannot remove it to overwrite the folder (" + reason(e) + ")");
            }
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (names(dir).isEmpty()) {
            Files.delete(dir);
        }
    }

    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new TrainException(dir + ": cannot list the folder (" + reason(e) + ")");
        }
    }

    /** The kind the marker names, or null when the folder has no marker. */
    private static String marker(Path dir) {
        Path m = dir.resolve(MARKER);
        if (!Files.isRegularFile(m)) {
            return null;
        }
        try {
            return Files.readString(m, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new TrainException(m + ": cannot read (" + reason(e) + ")");
        }
    }

    /** What went wrong, in words: the exception's own reason, or what its type means. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        return e.getMessage() == null ? "cannot write there" : e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }

    /** Releases the folder's lock (the file stays: it marks nothing but the last writer). */
    @Override
    public void close() {
        if (lockChannel != null) {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
        writeText(file(name), text);
    }

    /** Writes text to {@code target} through a temporary file and an atomic rename. */
    public static void writeText(Path target, String text) {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
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
