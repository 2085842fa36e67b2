package io.github.dl4jzoo.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A sweep's output through Hadoop's FileSystem, so that {@code file:}, {@code hdfs:} and {@code s3a:} all work (a
 * plain path is {@code file:}). Run folders are trained in a local folder and mirrored here.
 */
final class Storage {
    private final FileSystem fs;
    private final org.apache.hadoop.fs.Path root;

    private Storage(FileSystem fs, org.apache.hadoop.fs.Path root) {
        this.fs = fs;
        this.root = root;
    }

    static Storage of(String out) {
        URI uri = out.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")
                ? URI.create(out)
                : Path.of(out).toAbsolutePath().toUri();
        try {
            FileSystem fs = FileSystem.get(uri, new Configuration());
            // No .crc files beside the run's files: a run folder looks the same whoever wrote it.
            fs.setWriteChecksum(false);
            fs.setVerifyChecksum(false);
            return new Storage(fs, new org.apache.hadoop.fs.Path(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot open the file system: " + e.getMessage(), e);
        }
    }

    private org.apache.hadoop.fs.Path at(String relative) {
        return relative.isEmpty() ? root : new org.apache.hadoop.fs.Path(root, relative);
    }

    boolean exists(String relative) throws IOException {
        return fs.exists(at(relative));
    }

    /** What a person reads as the place of {@code relative}: a local path, or the URI. */
    String display(String relative) {
        URI uri = at(relative).toUri();
        return "file".equals(uri.getScheme()) || uri.getScheme() == null ? uri.getPath() : uri.toString();
    }

    /**
     * Makes {@code relative} hold exactly the files of {@code local}: each file copied over (a checkpoint is written
     * before the state that names it, so a reader never sees state without its checkpoint), then files that are
     * gone locally (an older checkpoint) removed.
     */
    void upload(Path local, String relative) {
        org.apache.hadoop.fs.Path dir = at(relative);
        try {
            fs.mkdirs(dir);
            Set<String> names = new HashSet<>();
            try (Stream<Path> files = Files.list(local)) {
                // state.json last: it names the checkpoint, which must be there first.
                for (Path f : files.filter(Files::isRegularFile)
                        .sorted((a, b) -> Boolean.compare(isState(a), isState(b)))
                        .toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".tmp")) {
                        continue;
                    }
                    names.add(name);
                    fs.copyFromLocalFile(
                            false,
                            true,
                            new org.apache.hadoop.fs.Path(f.toUri()),
                            new org.apache.hadoop.fs.Path(dir, name));
                }
            }
            for (FileStatus s : fs.listStatus(dir)) {
                if (s.isFile() && !names.contains(s.getPath().getName())) {
                    fs.delete(s.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(display(relative) + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Copies the files of {@code relative} into the local folder {@code local}. */
    void download(String relative, Path local) throws IOException {
        Files.createDirectories(local);
        for (FileStatus s : fs.listStatus(at(relative))) {
            if (s.isFile()) {
                fs.copyToLocalFile(
                        false,
                        s.getPath(),
                        new org.apache.hadoop.fs.Path(
                                local.resolve(s.getPath().getName()).toUri()),
                        true);
            }
        }
    }

    private static boolean isState(Path f) {
        return f.getFileName().toString().equals(io.github.dl4jzoo.train.RunFolder.STATE);
    }
}
