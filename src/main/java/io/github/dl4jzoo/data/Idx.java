package io.github.dl4jzoo.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/): a
 * big-endian header (magic {@code 0x0000 08 NN}: unsigned bytes, NN dimensions; then one int per
 * dimension) followed by the values, row-major. Reads are bulk (one byte array per file) and check
 * everything a truncated download or a wrong file could get wrong: magic, dimensions, length.
 */
public final class Idx {
    /** 2051: unsigned bytes, 3 dimensions (count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** 2049: unsigned bytes, 1 dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int INT_BYTES = 4;

    private Idx() {}

    /** Images as stored: {@code pixels[i * rows * cols + r * cols + c]}, unsigned 0..255. */
    public record Images(String name, int count, int rows, int cols, byte[] pixels) {}

    /** Labels as stored, unsigned 0..255. */
    public record Labels(String name, int count, byte[] labels) {}

    public static Images readImages(DataFile file) {
        int[] dims = new int[3];
        byte[] body = read(file, IMAGES_MAGIC, dims, "images");
        return new Images(file.name(), dims[0], dims[1], dims[2], body);
    }

    /** Reads images and fails at the header if they are not {@code rows x cols}. */
    public static Images readImages(DataFile file, int rows, int cols) {
        int[] dims = imageDims(file);
        if (dims[1] != rows || dims[2] != cols) {
            throw DataException.at(
                    file.name(),
                    file.offsetLabel(2 * INT_BYTES) + ": expected " + rows + "x" + cols + " images, got " + dims[1]
                            + "x" + dims[2]);
        }
        return readImages(file);
    }

    /** An images file's header, checked, without its images: {@code {count, rows, cols}}. */
    public static int[] imageDims(DataFile file) {
        try (InputStream in = file.openContent()) {
            int[] dims = new int[3];
            readHeader(file, in, IMAGES_MAGIC, dims);
            return dims;
        } catch (IOException e) {
            throw DataException.at(file.name(), "read failed: " + e.getMessage());
        }
    }

    public static Labels readLabels(DataFile file) {
        int[] dims = new int[1];
        byte[] body = read(file, LABELS_MAGIC, dims, "labels");
        return new Labels(file.name(), dims[0], body);
    }

    /** Writes images; gzipped when the name ends in .gz. See {@link #write}. */
    public static void writeImages(Path out, int rows, int cols, byte[] pixels) {
        if (rows <= 0 || cols <= 0 || pixels.length % (rows * cols) != 0) {
            throw new IllegalArgumentException(
                    "pixels: expected a multiple of " + rows + "x" + cols + " bytes, got " + pixels.length);
        }
        write(out, IMAGES_MAGIC, new int[] {pixels.length / (rows * cols), rows, cols}, pixels);
    }

    public static void writeLabels(Path out, byte[] labels) {
        write(out, LABELS_MAGIC, new int[] {labels.length}, labels);
    }

    /**
     * Writes header and body to a temporary file beside {@code out}, then renames it, so a crash
     * never leaves a half-written file under the real name. The JDK's GZIPOutputStream writes a
     * fixed header (MTIME 0, no file name), so the same content gives the same bytes every time
     * (for one zlib version): re-running a subset command reproduces the committed files exactly.
     */
    static void write(Path out, int magic, int[] dims, byte[] body) {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + out.getFileName(), ".part");
            try (OutputStream file = Files.newOutputStream(tmp);
                    OutputStream sink = out.toString().endsWith(".gz") ? new GZIPOutputStream(file, 1 << 16) : file;
                    DataOutputStream data = new DataOutputStream(sink)) {
                data.writeInt(magic);
                for (int d : dims) {
                    data.writeInt(d);
                }
                data.write(body);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw DataException.at(out.toString(), "write failed: " + e.getMessage());
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The whole header+body as the IDX bytes (for tests and checksums of in-memory data). */
    static byte[] encode(int magic, int[] dims, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + INT_BYTES * (dims.length + 1));
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeInt(magic);
            for (int d : dims) {
                data.writeInt(d);
            }
            data.write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory streams do not fail
        }
        return bytes.toByteArray();
    }

    private static byte[] read(DataFile file, int magic, int[] dims, String what) {
        try (InputStream in = file.openContent()) {
            int headerBytes = readHeader(file, in, magic, dims);
            long bodyBytes = 1;
            for (int d : dims) {
                bodyBytes *= d;
            }
            String shape = describe(dims, what);
            if (bodyBytes > Integer.MAX_VALUE - 16) {
                throw DataException.at(
                        file.name(),
                        file.offsetLabel(INT_BYTES) + ": expected at most 2 GiB of data, header says " + shape);
            }
            byte[] body = new byte[(int) bodyBytes];
            int got = readFully(file, in, body, headerBytes);
            if (got < body.length) {
                throw DataException.at(
                        file.name(),
                        file.offsetLabel(headerBytes + got) + ": expected " + body.length + " data bytes for " + shape
                                + " (length " + (headerBytes + bodyBytes) + "), file ends here (truncated)");
            }
            if (readOrEof(file, in, headerBytes + got) != -1) {
                drain(file, in, headerBytes + bodyBytes);
                throw DataException.at(
                        file.name(),
                        file.offsetLabel(headerBytes + bodyBytes) + ": expected end of file after " + shape
                                + ", found more bytes");
            }
            return body;
        } catch (IOException e) {
            throw DataException.at(file.name(), "read failed: " + e.getMessage());
        }
    }

    /** Reads magic and dimensions into {@code dims}; returns the header length in bytes. */
    private static int readHeader(DataFile file, InputStream in, int magic, int[] dims) throws IOException {
        byte[] header = new byte[INT_BYTES * (dims.length + 1)];
        int got = readFully(file, in, header, 0);
        if (got < INT_BYTES) {
            throw DataException.at(
                    file.name(),
                    file.offsetLabel(0)
                            + String.format(
                                    ": expected IDX magic %d (0x%08x), got %s",
                                    magic, magic, got == 0 ? "end of file (empty file)" : "only " + got + " bytes"));
        }
        int actual = intAt(header, 0);
        if (actual != magic) {
            String hint = (actual >>> 16) == 0x1f8b ? " (the file is gzipped: name it .gz)" : "";
            throw DataException.at(
                    file.name(),
                    file.offsetLabel(0)
                            + String.format(
                                    ": expected IDX magic %d (0x%08x), got 0x%08x%s", magic, magic, actual, hint));
        }
        if (got < header.length) {
            throw DataException.at(
                    file.name(),
                    file.offsetLabel(got) + ": expected a " + header.length + "-byte header, file ends here");
        }
        for (int i = 0; i < dims.length; i++) {
            dims[i] = intAt(header, INT_BYTES * (i + 1));
            if (dims[i] <= 0) {
                throw DataException.at(
                        file.name(),
                        file.offsetLabel(INT_BYTES * (i + 1)) + ": expected a positive dimension, got " + dims[i]);
            }
        }
        return header.length;
    }

    /** Like readNBytes, but turns a gzip stream that ends early into a short count, not an exception. */
    private static int readFully(DataFile file, InputStream in, byte[] into, long offset) throws IOException {
        int got = 0;
        try {
            while (got < into.length) {
                int n = in.read(into, got, into.length - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
        } catch (EOFException e) {
            // GZIPInputStream's "Unexpected end of ZLIB input stream": a truncated .gz
            return got;
        } catch (ZipException e) {
            throw DataException.at(
                    file.name(), file.offsetLabel(offset + got) + ": expected valid gzip data, " + e.getMessage());
        }
        return got;
    }

    private static int readOrEof(DataFile file, InputStream in, long offset) throws IOException {
        try {
            return in.read();
        } catch (EOFException e) {
            // all data arrived but the 8-byte gzip trailer did not
            throw DataException.at(
                    file.name(),
                    file.offsetLabel(offset) + ": expected a gzip trailer (CRC, length), file ends early (truncated)");
        } catch (ZipException e) {
            // reading the trailer checks the CRC: a corrupted .gz fails here
            throw DataException.at(
                    file.name(), file.offsetLabel(offset) + ": expected a valid gzip trailer, " + e.getMessage());
        }
    }

    /**
     * Reads to the end, so that a corrupted .gz (which can inflate to more bytes than its header promised) is
     * reported as corrupt by its checksum, not as an IDX file with bytes to spare.
     */
    private static void drain(DataFile file, InputStream in, long offset) throws IOException {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (EOFException e) {
            throw DataException.at(
                    file.name(),
                    file.offsetLabel(offset) + ": expected valid gzip data, the stream ends early (truncated)");
        } catch (ZipException e) {
            throw DataException.at(
                    file.name(),
                    file.offsetLabel(offset) + ": expected valid gzip data, the stream is corrupt (" + e.getMessage()
                            + ")");
        }
    }

    private static int intAt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static String describe(int[] dims, String what) {
        return dims.length == 3 ? dims[0] + " images of " + dims[1] + "x" + dims[2] : dims[0] + " " + what;
    }

    static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the caller is already reporting the real error
            }
        }
    }
}
