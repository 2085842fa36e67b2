package io.github.dl4jzoo.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file from a list of base URLs (canonical host first, then mirrors), with retries.
 * The bytes go to a hidden temporary file in the target folder, are verified, and only then are
 * renamed to the real name, so a failed, rejected or interrupted download never leaves a file
 * that looks valid. Base URLs are a parameter so tests can point at a server on 127.0.0.1.
 *
 * <p>Per URL: an HTTP 4xx (404 and the like) moves on to the next URL at once; a 5xx, a network
 * error or a transfer shorter than announced is retried up to {@code attemptsPerUrl} times with
 * a growing pause; a file that fails verification moves on (the same server would send it again).
 */
public record Downloader(int attemptsPerUrl, Duration retryPause, Duration timeout) {
    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    public Downloader {
        if (attemptsPerUrl < 1) {
            throw new IllegalArgumentException("attemptsPerUrl: expected >= 1, got " + attemptsPerUrl);
        }
    }

    /** Three tries per URL, 2 s then 4 s apart, ten minutes per transfer. */
    public static Downloader standard() {
        return new Downloader(3, Duration.ofSeconds(2), Duration.ofMinutes(10));
    }

    /**
     * Fetches {@code fileName} from the first base URL that serves a file passing {@code verify}
     * (which throws {@link DataException} to reject) and stores it as {@code targetDir/fileName}.
     */
    public Path download(List<URI> baseUrls, String fileName, Path targetDir, Consumer<DataFile> verify) {
        if (baseUrls.isEmpty()) {
            throw DataException.at(fileName, "download failed: no URL to download from (offline)");
        }
        Path target = targetDir.resolve(fileName);
        List<String> failures = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        try {
            Files.createDirectories(targetDir);
        } catch (IOException e) {
            throw DataException.at(targetDir.toString(), "cannot create download folder: " + e.getMessage());
        }
        for (URI base : baseUrls) {
            URI url = withSlash(base).resolve(fileName);
            for (int attempt = 1; attempt <= attemptsPerUrl; attempt++) {
                Path tmp = null;
                try {
                    tmp = Files.createTempFile(targetDir, "." + fileName + ".", ".part");
                    LOG.info("downloading {} (attempt {}/{})", url, attempt, attemptsPerUrl);
                    HttpResponse<Path> response = client.send(
                            HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.ofFile(tmp));
                    int status = response.statusCode();
                    if (status >= 400 && status < 500) {
                        failures.add(url + ": HTTP " + status);
                        break;
                    }
                    if (status != 200) {
                        failures.add(url + ": HTTP " + status + " (attempt " + attempt + ")");
                        pause(attempt);
                        continue;
                    }
                    long announced = response.headers()
                            .firstValueAsLong("Content-Length")
                            .orElse(-1);
                    long got = Files.size(tmp);
                    if (announced >= 0 && got != announced) {
                        failures.add(url + ": got " + got + " of " + announced + " bytes (attempt " + attempt + ")");
                        pause(attempt);
                        continue;
                    }
                    Path downloaded = tmp;
                    try {
                        verify.accept(new DataFile(fileName, () -> Files.newInputStream(downloaded)));
                    } catch (DataException e) {
                        failures.add(url + ": " + e.getMessage());
                        break;
                    }
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    tmp = null;
                    return target;
                } catch (IOException e) {
                    failures.add(url + ": " + e.getClass().getSimpleName() + " " + e.getMessage() + " (attempt "
                            + attempt + ")");
                    pause(attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw DataException.at(fileName, "download interrupted");
                } finally {
                    Idx.deleteQuietly(tmp);
                }
            }
        }
        throw DataException.at(fileName, "download failed: " + String.join("; ", failures));
    }

    private void pause(int attempt) {
        if (attempt >= attemptsPerUrl) {
            return; // the next URL is another server: no reason to wait
        }
        try {
            Thread.sleep(retryPause.toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static URI withSlash(URI base) {
        String s = base.toString();
        return s.endsWith("/") ? base : URI.create(s + "/");
    }
}
