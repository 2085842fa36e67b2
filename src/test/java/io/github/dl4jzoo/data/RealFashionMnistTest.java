package io.github.dl4jzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests on the real Fashion-MNIST files of Debian's dataset-fashion-mnist. Skipped, saying why,
 * where the package is not installed.
 */
class RealFashionMnistTest {
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsTheDebianFiles() {
        boolean present = IdxFolder.complete(DEBIAN);
        if (!present) {
            System.out.println("SKIPPED real Fashion-MNIST tests: " + DEBIAN
                    + " is missing (apt-get install -y dataset-fashion-mnist)");
        }
        assumeTrue(present, DEBIAN + " is missing: apt-get install -y dataset-fashion-mnist");
    }

    private Locator systemOnly() {
        return new Locator(
                Optional.empty(),
                Optional.empty(),
                tmp.resolve("cache"),
                true,
                Optional.of(List.of()),
                Downloader.standard());
    }

    @Test
    void loadsAndVerifiesFromTheSystemFolder() {
        ImageData data = Datasets.images("fashion-mnist", systemOnly()).requireSize(1, 28, 28);
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        int[] sixThousand = new int[10];
        Arrays.fill(sixThousand, 6000);
        assertArrayEquals(sixThousand, data.train().classCounts());
        assertEquals(9, data.train().labels()[0], "the first training image is an ankle boot");

        DatasetStatus status = Datasets.verify("fashion-mnist", systemOnly());
        assertEquals(Where.SYSTEM, status.where());
        assertEquals(DEBIAN.toString(), status.location());
        assertEquals(Verification.VERIFIED, status.verification(), status.detail());
        assertEquals(4_422_079 + 5_125 + 26_421_856 + 29_491, status.sizeBytes());
    }

    @Test
    void subsetCommandReproducesTheEmbeddedSampleByteForByte() throws IOException {
        Subset.write(DEBIAN, 6000, 1000, 42, tmp.resolve("sample"));
        for (String name : IdxFolder.NAMES) {
            String resource = Catalog.RESOURCE_ROOT + "fashion-mnist-sample/" + name + ".gz";
            try (InputStream embedded = DataFile.resource(resource).openRaw()) {
                assertArrayEquals(
                        embedded.readAllBytes(), Files.readAllBytes(tmp.resolve("sample/" + name + ".gz")), name);
            }
        }
    }

    @Test
    void fetchDownloadsIntoTheCacheFromALocalServerAndVerifies() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fm/", ex -> {
            Path file = DEBIAN.resolve(
                    Path.of(ex.getRequestURI().getPath()).getFileName().toString());
            ex.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        // a "mirror" that serves the test labels for every name: wrong checksums
        server.createContext("/wrong/", ex -> {
            Path file = DEBIAN.resolve(IdxFolder.TEST_LABELS + ".gz");
            ex.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
        try {
            String root = "http://127.0.0.1:" + server.getAddress().getPort();
            Locator wrong = new Locator(
                    Optional.empty(),
                    Optional.empty(),
                    tmp.resolve("cache"),
                    false,
                    Optional.of(List.of(URI.create(root + "/wrong/"))),
                    new Downloader(1, Duration.ZERO, Duration.ofMinutes(1)));
            DataException e = assertThrows(DataException.class, () -> Datasets.fetch("fashion-mnist", wrong));
            assertTrue(e.getMessage().contains("expected 47040016 bytes of content, got 10008"), e.getMessage());
            assertEquals(
                    List.of(), Files.list(tmp.resolve("cache/fashion-mnist")).toList(), "nothing kept");

            Locator good = new Locator(
                    Optional.empty(),
                    Optional.empty(),
                    tmp.resolve("cache"),
                    false,
                    Optional.of(List.of(URI.create(root + "/missing/"), URI.create(root + "/fm/"))),
                    new Downloader(1, Duration.ZERO, Duration.ofMinutes(1)));
            DatasetStatus fetched = Datasets.fetch("fashion-mnist", good);
            assertEquals(Where.DOWNLOADED, fetched.where());
            assertEquals(tmp.resolve("cache/fashion-mnist").toString(), fetched.location());
            assertEquals(Verification.VERIFIED, fetched.verification(), fetched.detail());
            assertEquals(Where.CACHE, Datasets.fetch("fashion-mnist", good).where(), "found there next time");
            assertEquals(
                    10_000,
                    Datasets.images("fashion-mnist", good.offline()).test().size());
        } finally {
            server.stop(0);
        }
    }
}
