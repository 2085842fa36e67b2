package io.github.dl4jzoo.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A named source of bytes: a file on disk or a resource on the classpath (which must also work
 * from inside the shaded jar, so resources are only ever opened as streams, never as paths). The
 * name is what error messages show; a name ending in {@code .gz} means the bytes are gzipped.
 */
public record DataFile(String name, Opener opener) {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int GZIP_MAGIC = 0x1f8b;

    /** Opens a fresh stream over the (possibly compressed) bytes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public static DataFile of(Path path) {
        return new DataFile(path.toString(), () -> Files.newInputStream(path));
    }

    /** A classpath resource by absolute name, e.g. {@code io/github/dl4jzoo/data/co2-concentration.csv}. */
    public static DataFile resource(String absoluteName) {
        String name = "classpath:" + absoluteName;
        return new DataFile(name, () -> {
            InputStream in = DataFile.class.getClassLoader().getResourceAsStream(absoluteName);
            if (in == null) {
                throw new NoSuchFileException(name);
            }
            return in;
        });
    }

    public boolean gzipped() {
        return name.endsWith(".gz");
    }

    /** The stored bytes as they are (compressed if gzipped). */
    public InputStream openRaw() {
        try {
            return new BufferedInputStream(opener.open(), BUFFER_BYTES);
        } catch (NoSuchFileException e) {
            throw DataException.at(name, "expected a readable file, not found");
        } catch (IOException e) {
            throw DataException.at(name, "cannot open: " + e.getMessage());
        }
    }

    /**
     * The content bytes: decompressed when the name ends in .gz. A file named .gz that is not
     * gzip fails here with the two bytes it does start with, rather than deep inside the inflater.
     */
    public InputStream openContent() {
        InputStream raw = openRaw();
        if (!gzipped()) {
            return raw;
        }
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 < 0 || b1 < 0) {
                raw.close();
                throw DataException.at(name, "offset 0: expected gzip magic 0x1f8b, got end of file (empty file)");
            }
            int magic = (b0 << 8) | b1;
            if (magic != GZIP_MAGIC) {
                raw.close();
                throw DataException.at(
                        name,
                        String.format(
                                "offset 0: expected gzip magic 0x1f8b, got 0x%04x (not gzip: rename it without .gz?)",
                                magic));
            }
            return new GZIPInputStream(raw, BUFFER_BYTES);
        } catch (IOException e) {
            throw DataException.at(name, "cannot read gzip header: " + e.getMessage());
        }
    }

    /** Where an offset into the content is, in words a person can act on. */
    String offsetLabel(long offset) {
        return gzipped() ? "offset " + offset + " (decompressed)" : "offset " + offset;
    }
}
