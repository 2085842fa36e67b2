package io.github.dl4jzoo.data;

import java.io.ByteArrayInputStream;
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
 * dimension) followed by the values, row-major. Reads (whole, or part by part through {@link Body}) check
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
        imageDims(file, rows, cols);
        return readImages(file);
    }

    /** An images file's header, checked, failing at the header unless the images are {@code rows x cols}. */
    public static int[] imageDims(DataFile file, int rows, int cols) {
        int[] dims = imageDims(file);
        if (dims[1] != rows || dims[2] != cols) {
            throw DataException.at(
                    file.name(),
                    file.offsetLabel(2 * INT_BYTES) + ": expected " + rows + "x" + cols + " images, got " + dims[1]
                            + "x" + dims[2]);
        }
        return dims;
    }

    /** An images file's header, checked, without its images: {@code {count, rows, cols}}. */
    public static int[] imageDims(DataFile file) {
        try (Body images = openImages(file)) {
            return images.dims.clone();
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
        try (Body body = Body.open(file, magic, dims.length, what)) {
            System.arraycopy(body.dims, 0, dims, 0, dims.length);
            byte[] values = new byte[(int) body.length];
            body.read(values, 0, values.length);
            body.end();
            return values;
        }
    }

    /** An images file opened to be read image by image (see {@link Body}). */
    static Body openImages(DataFile file) {
        return Body.open(file, IMAGES_MAGIC, 3, "images");
    }

    /**
     * The values of an IDX file read in order, a part at a time, so that a large file is never held in
     * memory whole: opening reads and checks the header, {@link #read} fails at the first missing byte and
     * {@link #end} checks that the file ends right after the values. Failures name the file and the offset.
     */
    static final class Body implements AutoCloseable {
        private final DataFile file;
        private final InputStream in;
        private final int[] dims;
        private final int headerBytes;
        private final long length;
        private final String what;
        private long done;

        private Body(DataFile file, InputStream in, int[] dims, int headerBytes, String what) {
            this.file = file;
            this.in = in;
            this.dims = dims.clone();
            this.headerBytes = headerBytes;
            long values = 1;
            for (int d : dims) {
                values *= d;
            }
            this.length = values;
            this.what = what;
        }

        static Body open(DataFile file, int magic, int dimensions, String what) {
            InputStream in = file.openContent();
            try {
                int[] dims = new int[dimensions];
                Body body = new Body(file, in, dims, readHeader(file, in, magic, dims), what);
                if (body.length > Integer.MAX_VALUE - 16) {
                    throw DataException.at(
                            file.name(),
                            file.offsetLabel(INT_BYTES) + ": expected at most 2 GiB of data, header says "
                                    + describe(body.dims, what));
                }
                return body;
            } catch (IOException e) {
                closeQuietly(in);
                throw DataException.at(file.name(), "read failed: " + e.getMessage());
            } catch (RuntimeException e) {
                closeQuietly(in);
                throw e;
            }
        }

        /** Images already in memory, read the same way (nothing can fail). */
        static Body of(Images images) {
            byte[] pixels = images.pixels();
            return new Body(
                    new DataFile(images.name(), () -> new ByteArrayInputStream(pixels)),
                    new ByteArrayInputStream(pixels),
                    new int[] {images.count(), images.rows(), images.cols()},
                    INT_BYTES * 4,
                    "images");
        }

        String name() {
            return file.name();
        }

        /** The header's dimensions, e.g. {@code {count, rows, cols}} for images. */
        int dim(int i) {
            return dims[i];
        }

        /** Reads the next {@code n} values into {@code into} from {@code at}. */
        void read(byte[] into, int at, int n) {
            try {
                int got = readFully(file, in, into, at, n, headerBytes + done);
                done += got;
                if (got < n) {
                    throw DataException.at(
                            file.name(),
                            file.offsetLabel(headerBytes + done) + ": expected " + length + " data bytes for "
                                    + describe(dims, what) + " (length " + (headerBytes + length)
                                    + "), file ends here (truncated)");
                }
            } catch (IOException e) {
                throw DataException.at(file.name(), "read failed: " + e.getMessage());
            }
        }

        /** Fails unless the file ends here, right after the values (and, gzipped, with a valid trailer). */
        void end() {
            try {
                if (readOrEof(file, in, headerBytes + done) != -1) {
                    drain(file, in, headerBytes + length);
                    throw DataException.at(
                            file.name(),
                            file.offsetLabel(headerBytes + length) + ": expected end of file after "
                                    + describe(dims, what) + ", found more bytes");
                }
            } catch (IOException e) {
                throw DataException.at(file.name(), "read failed: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            closeQuietly(in);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // only read from: nothing is lost
        }
    }

    /** Reads magic and dimensions into {@code dims}; returns the header length in bytes. */
    private static int readHeader(DataFile file, InputStream in, int magic, int[] dims) throws IOException {
        byte[] header = new byte[INT_BYTES * (dims.length + 1)];
        int got = readFully(file, in, header, 0, header.length, 0);
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

    /**
     * Like readNBytes, but turns a gzip stream that ends early into a short count, not an exception.
     * {@code offset} is where {@code into[at]} is in the file.
     */
    private static int readFully(DataFile file, InputStream in, byte[] into, int at, int length, long offset)
            throws IOException {
        int got = 0;
        try {
            while (got < length) {
                int n = in.read(into, at + got, length - got);
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
