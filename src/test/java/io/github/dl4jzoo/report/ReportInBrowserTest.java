package io.github.dl4jzoo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page as a person sees it: {@code report.html} loaded in headless Chromium renders something (not a blank
 * screenshot) and logs no console error; and {@code .ci/check-report.sh}, which CI runs on a real comparison,
 * passes it and fails broken pages. Skipped, saying why, where Chromium is not installed.
 */
@EnabledIf(
        value = "chromiumInstalled",
        disabledReason = "/usr/bin/chromium is absent (apt-get install -y chromium): the browser checks are skipped")
class ReportInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHECK_SCRIPT = Path.of(".ci/check-report.sh").toAbsolutePath();
    private static final long CHROMIUM_TIMEOUT_SECONDS = 60;

    @TempDir
    static Path dir;

    static boolean chromiumInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM);
        if (!installed) {
            // Also on the console: a skipped check should not go unnoticed in a build log.
            System.out.println("ReportInBrowserTest skipped: " + CHROMIUM + " is absent (apt-get install -y chromium)");
        }
        return installed;
    }

    @BeforeAll
    static void writeReport() throws IOException {
        ComparisonReport.write(dir, HandMade.comparison(), HandMade.environment());
    }

    @Test
    void reportRendersWithoutConsoleErrors() throws Exception {
        Path screenshot = dir.resolve("screenshot.png");
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        String log = run(
                List.of(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--enable-logging=stderr",
                        "--v=0",
                        "--screenshot=" + screenshot,
                        "--window-size=1280,2000",
                        dir.resolve("report.html").toUri().toString()),
                0);
        List<String> console = log.lines()
                .filter(line -> line.contains("CONSOLE") || line.contains("Uncaught"))
                .toList();
        assertEquals(List.of(), console, "console messages of the page");

        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertNotNull(image, "Chromium wrote a PNG screenshot");
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                inked += rgb == 0xFFFFFF ? 0 : 1;
            }
        }
        // Text, table shading and plots: hundreds of colours and far from all white (a blank page has one).
        assertTrue(colours.size() > 200, colours.size() + " distinct colours");
        double share = (double) inked / ((long) image.getWidth() * image.getHeight());
        assertTrue(share > 0.05, share + " of the pixels are not white");
    }

    @Test
    void ciScriptPassesTheReportAndFailsBrokenPages() throws Exception {
        String ok =
                run(List.of(CHECK_SCRIPT.toString(), dir.resolve("report.html").toString()), 0);
        assertTrue(ok.contains("self-contained, no console errors, renders"), ok);

        Path scriptError = dir.resolve("script-error.html");
        Files.writeString(scriptError, "<!DOCTYPE html><p>table</p><script>throw new Error('boom')</script>");
        String failed = run(List.of(CHECK_SCRIPT.toString(), scriptError.toString()), 1);
        assertTrue(failed.contains("Uncaught Error: boom") && failed.contains("console errors"), failed);

        Path blank = dir.resolve("blank.html");
        Files.writeString(blank, "<!DOCTYPE html><html><body></body></html>");
        assertTrue(run(List.of(CHECK_SCRIPT.toString(), blank.toString()), 1).contains("renders blank"));

        Path external = dir.resolve("external.html");
        Files.writeString(external, "<!DOCTYPE html><img src=\"https://example.com/plot.png\">");
        assertTrue(run(List.of(CHECK_SCRIPT.toString(), external.toString()), 1).contains("refers to the network"));
    }

    /** Runs a command to completion, stdout and stderr together, and checks its exit code. */
    private static String run(List<String> command, int expectedExit) throws Exception {
        Path log = Files.createTempFile(dir, "run", ".log");
        Process p = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(CHROMIUM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // Chromium's helpers are its children: stop them too, so no process outlives the test.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(command.get(0) + " did not finish in " + CHROMIUM_TIMEOUT_SECONDS + " s");
        }
        String output = Files.readString(log);
        assertEquals(expectedExit, p.exitValue(), output);
        return output;
    }
}
