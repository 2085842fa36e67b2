package io.github.dl4jzoo.data;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests of data files, streamed (a 47 MB file is never held twice). */
final class Checksums {
    private Checksums() {}

    /** A hex digest and the number of bytes it covers. */
    record Digest(String hex, long bytes) {}

    /** SHA-256 of the content: decompressed for a .gz file, as is otherwise. */
    static Digest sha256OfContent(DataFile file) {
        try (InputStream in = file.openContent()) {
            return digest("SHA-256", file, in);
        } catch (IOException e) {
            throw DataException.at(file.name(), "read failed: " + e.getMessage());
        }
    }

    /** SHA-256 of the stored bytes (compressed for a .gz file). */
    static Digest sha256OfStored(DataFile file) {
        try (InputStream in = file.openRaw()) {
            return digest("SHA-256", file, in);
        } catch (IOException e) {
            throw DataException.at(file.name(), "read failed: " + e.getMessage());
        }
    }

    /** MD5 of the stored bytes (compressed for a .gz file). */
    static Digest md5OfStored(DataFile file) {
        try (InputStream in = file.openRaw()) {
            return digest("MD5", file, in);
        } catch (IOException e) {
            throw DataException.at(file.name(), "read failed: " + e.getMessage());
        }
    }

    private static Digest digest(String algorithm, DataFile file, InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
                total += n;
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw DataException.at(
                    file.name(), "offset " + total + " (decompressed): expected valid gzip data, " + e.getMessage());
        }
        return new Digest(HexFormat.of().formatHex(md.digest()), total);
    }
}
