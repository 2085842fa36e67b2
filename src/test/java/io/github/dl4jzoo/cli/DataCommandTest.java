package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.dl4jzoo.data.Idx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo data ...}: exact output and exit codes. No host but 127.0.0.1 is contacted. */
class DataCommandTest {
    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");
    private static final String FILES = "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,"
            + " t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz";

    @TempDir
    Path tmp;

    private static void assumeStandardMachine() {
        assumeTrue(Files.isDirectory(DEBIAN), DEBIAN + " is missing: apt-get install -y dataset-fashion-mnist");
        assumeTrue(System.getenv("DL4JZOO_DATA") == null, "DL4JZOO_DATA is set: the listing would include it");
    }

    @Test
    void listShowsEveryDatasetWhereItIsAndWhetherItVerifies() {
        assumeStandardMachine();
        CliRun r = CliRun.of("data", "list", "--cache", tmp.toString());
        assertEquals(
                """
                ID                    WHERE     LOCATION                                                     BYTES  VERIFIED
                fashion-mnist         system    /usr/share/datasets/fashion-mnist                       30,878,551  verified
                mnist                 missing   -                                                                0  -
                fashion-mnist-sample  embedded  classpath:io/github/dl4jzoo/data/fashion-mnist-sample/   3,089,280  verified
                co2                   embedded  classpath:io/github/dl4jzoo/data/co2/                       18,547  verified
                xor                   built-in  built-in                                                         0  no checksum
                xor-bias              built-in  built-in                                                         0  no checksum
                """,
                r.out());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void verifyTheEmbeddedSample() {
        CliRun r = CliRun.of("data", "verify", "fashion-mnist-sample");
        assertEquals(
                "fashion-mnist-sample: embedded classpath:io/github/dl4jzoo/data/fashion-mnist-sample/, 3,089,280 bytes,"
                        + " verified (4 files match SHA-256 of the decompressed content)\n",
                r.out());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void verifyAFolderThatIsNotTheRealDataset() {
        Path dir = tmp.resolve("fm");
        Idx.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), 1, 1, new byte[] {7});
        Idx.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {0});
        Idx.writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), 1, 1, new byte[] {7});
        Idx.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {0});
        CliRun r = CliRun.of("data", "verify", "fashion-mnist", "--data", dir.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(
                "zoo: fashion-mnist: verification failed: "
                        + dir.resolve("train-images-idx3-ubyte.gz") + ": expected 47040016 bytes of content, got 17; "
                        + dir.resolve("train-labels-idx1-ubyte.gz") + ": expected 60008 bytes of content, got 9; "
                        + dir.resolve("t10k-images-idx3-ubyte.gz") + ": expected 7840016 bytes of content, got 17; "
                        + dir.resolve("t10k-labels-idx1-ubyte.gz") + ": expected 10008 bytes of content, got 9\n",
                r.err());
    }

    @Test
    void verifyAMissingDatasetSaysHowToProvideIt() {
        assumeTrue(System.getenv("DL4JZOO_DATA") == null, "DL4JZOO_DATA is set: the message would name it");
        CliRun r = CliRun.of("data", "verify", "mnist", "--cache", tmp.toString());
        assertEquals(2, r.code());
        Path cache = tmp.resolve("mnist");
        assertEquals(
                "zoo: mnist: not found in " + cache + "; provide it with --data DIR (a folder holding " + FILES
                        + "), or copy the files to " + cache + ", or run 'zoo data fetch mnist' when online"
                        + " (verify never downloads)\n",
                r.err());
    }

    @Test
    void fetchRejectsWhatFailsTheChecksumAndKeepsNothing() throws IOException {
        assumeTrue(System.getenv("DL4JZOO_DATA") == null, "DL4JZOO_DATA is set: the message would name it");
        byte[] junk = "not a dataset".getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/junk/", ex -> {
            ex.sendResponseHeaders(200, junk.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(junk);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/junk/";
            CliRun r = CliRun.of("data", "fetch", "mnist", "--cache", tmp.toString(), "--base-url", url);
            assertEquals(2, r.code());
            Path cache = tmp.resolve("mnist");
            assertEquals(
                    "zoo: mnist: not found in " + cache + "; provide it with --data DIR (a folder holding " + FILES
                            + "), or copy the files to " + cache + ", or run 'zoo data fetch mnist' when online"
                            + " (train-images-idx3-ubyte.gz: download failed: " + url + "train-images-idx3-ubyte.gz:"
                            + " train-images-idx3-ubyte.gz: MD5 is " + hex("MD5", junk)
                            + ", expected f68b3c2dcbeaaa9fbdd348bbdeb94873)\n",
                    r.err());
            try (var files = Files.list(cache)) {
                assertEquals(0, files.count(), "nothing left in the cache");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void subsetPrintsTheDigestsOfWhatItWrote() throws IOException {
        Path from = tmp.resolve("from");
        byte[] pixels = new byte[8 * 4];
        byte[] labels = {0, 1, 0, 1, 0, 1, 0, 1};
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        Idx.writeImages(from.resolve("train-images-idx3-ubyte.gz"), 2, 2, pixels);
        Idx.writeLabels(from.resolve("train-labels-idx1-ubyte.gz"), labels);
        Idx.writeImages(from.resolve("t10k-images-idx3-ubyte"), 2, 2, pixels);
        Idx.writeLabels(from.resolve("t10k-labels-idx1-ubyte"), labels);
        Path out = tmp.resolve("out");

        CliRun r = CliRun.of(
                "data",
                "subset",
                "--from",
                from.toString(),
                "--train",
                "4",
                "--test",
                "2",
                "--seed",
                "3",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(
                "FILE                        SHA-256 (DECOMPRESSED)                                            BYTES\n"
                        + "train-images-idx3-ubyte.gz  " + sha(out, "train-images-idx3-ubyte.gz") + "     32\n"
                        + "train-labels-idx1-ubyte.gz  " + sha(out, "train-labels-idx1-ubyte.gz") + "     12\n"
                        + "t10k-images-idx3-ubyte.gz   " + sha(out, "t10k-images-idx3-ubyte.gz") + "     24\n"
                        + "t10k-labels-idx1-ubyte.gz   " + sha(out, "t10k-labels-idx1-ubyte.gz") + "     10\n"
                        + "per class: train [2, 2], test [1, 1]\n"
                        + "written to " + out + "\n",
                r.out());
    }

    private static String sha(Path dir, String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(name)))) {
            return hex("SHA-256", in.readAllBytes());
        }
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
