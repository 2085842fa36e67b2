package io.github.dl4jzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download path against a real HTTP server on 127.0.0.1, started here; no other host is contacted. */
class DownloaderTest {
    private static final String NAME = "labels-idx1-ubyte.gz";
    private static final Downloader FAST = new Downloader(3, Duration.ofMillis(10), Duration.ofSeconds(20));

    @TempDir
    Path cache;

    HttpServer server;
    byte[] good;
    String goodSha;
    final AtomicInteger flakyCalls = new AtomicInteger();
    final AtomicInteger cutCalls = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        good = IdxTest.gzip(Idx.encode(Idx.LABELS_MAGIC, new int[] {3}, IdxTest.LABELS));
        goodSha = Checksums.sha256OfContent(new DataFile(NAME, () -> new java.io.ByteArrayInputStream(good)))
                .hex();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good/", ex -> send(ex, 200, good));
        server.createContext("/missing/", ex -> send(ex, 404, "not here".getBytes()));
        server.createContext("/corrupt/", ex -> {
            byte[] other = good.clone();
            other[other.length / 2] ^= 0x55;
            send(ex, 200, other);
        });
        // 503 on the first call, the file on the second
        server.createContext("/flaky/", ex -> {
            if (flakyCalls.incrementAndGet() == 1) {
                send(ex, 503, new byte[0]);
            } else {
                send(ex, 200, good);
            }
        });
        // announces the full length, sends half and hangs up; on the third call sends it all
        server.createContext("/cut/", ex -> {
            if (cutCalls.incrementAndGet() >= 3) {
                send(ex, 200, good);
                return;
            }
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, good.length);
            OutputStream body = ex.getResponseBody();
            body.write(good, 0, good.length / 2);
            body.flush();
            ex.close(); // fewer bytes than announced: the server drops the connection
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void send(HttpExchange ex, int status, byte[] body) throws IOException {
        requests.incrementAndGet();
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/");
    }

    private Consumer<DataFile> verifier() {
        KnownDataset.KnownFile known = new KnownDataset.KnownFile(NAME, KnownDataset.Check.SHA256_CONTENT, goodSha, 11);
        return file -> {
            String why = Datasets.mismatch(known, file);
            if (why != null) {
                throw new DataException(why);
            }
        };
    }

    private List<Path> cacheFiles() throws IOException {
        try (var files = Files.list(cache)) {
            return files.toList();
        }
    }

    @Test
    void goodFileLandsUnderItsNameAndNothingElse() throws IOException {
        Path got = FAST.download(List.of(base("good")), NAME, cache, verifier());
        assertEquals(cache.resolve(NAME), got);
        assertArrayEquals(good, Files.readAllBytes(got));
        assertEquals(List.of(got), cacheFiles());
    }

    @Test
    void checksumMismatchLeavesNothingInTheCache() throws IOException {
        DataException e = assertThrows(
                DataException.class, () -> FAST.download(List.of(base("corrupt")), NAME, cache, verifier()));
        assertTrue(
                e.getMessage().startsWith(NAME + ": download failed: " + base("corrupt") + NAME + ": "),
                e.getMessage());
        assertEquals(List.of(), cacheFiles());
        assertEquals(1, requests.get(), "a bad file is not fetched again from the same server");
    }

    @Test
    void notFoundMovesOnToTheMirror() throws IOException {
        Path got = FAST.download(List.of(base("missing"), base("good")), NAME, cache, verifier());
        assertArrayEquals(good, Files.readAllBytes(got));
        assertEquals(2, requests.get(), "one 404 (not retried), then the mirror");
    }

    @Test
    void serverErrorIsRetried() throws IOException {
        Path got = FAST.download(List.of(base("flaky")), NAME, cache, verifier());
        assertArrayEquals(good, Files.readAllBytes(got));
        assertEquals(2, flakyCalls.get());
    }

    @Test
    void truncatedTransferIsRetriedAndNeverKept() throws IOException {
        Downloader twice = new Downloader(2, Duration.ofMillis(10), Duration.ofSeconds(20));
        DataException e =
                assertThrows(DataException.class, () -> twice.download(List.of(base("cut")), NAME, cache, verifier()));
        // the JDK client words it "fixed content-length: 31, bytes received: 15"
        String url = base("cut") + NAME;
        assertTrue(e.getMessage().startsWith(NAME + ": download failed: " + url + ": IOException"), e.getMessage());
        assertTrue(e.getMessage().contains("received: 15 (attempt 1); " + url), e.getMessage());
        assertTrue(e.getMessage().endsWith("received: 15 (attempt 2)"), e.getMessage());
        assertEquals(List.of(), cacheFiles(), "no partial file under any name");

        Path got = FAST.download(List.of(base("cut")), NAME, cache, verifier()); // third call succeeds
        assertArrayEquals(good, Files.readAllBytes(got));
    }

    @Test
    void offlineSaysSo() {
        DataException e = assertThrows(DataException.class, () -> FAST.download(List.of(), NAME, cache, verifier()));
        assertEquals(NAME + ": download failed: no URL to download from (offline)", e.getMessage());
    }
}
