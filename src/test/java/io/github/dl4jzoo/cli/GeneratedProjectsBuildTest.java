package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dl4jzoo.data.Stripes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code zoo init} writes builds and passes its own tests offline, with only what the zoo's build already
 * put in the local Maven repository: one CNN and one LSTM project, each through {@code mvn -o -q test} in a
 * subprocess, and a CNN project on a picture folder the test draws (about half a minute each on two cores; their NetworkTest trains one epoch on the shipped sample,
 * and their EngineTest reads the zoo's engine settings back from ND4J and DL4J: the CNN's four convolution and
 * pooling layers must each have a oneDNN helper).
 */
@Tag("slow")
class GeneratedProjectsBuildTest {
    /**
     * Per build: a quiet machine needs about half a minute; this is generous for one shared by several builds
     * (two at 85 s timed out with the load average near 30 on two cores).
     */
    static final long TIMEOUT_SECONDS = 240;

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "lstm-rows"})
    void theProjectBuildsAndPassesItsTestsOffline(String recipe, @TempDir Path tmp)
            throws IOException, InterruptedException {
        Path dir = tmp.resolve(recipe);
        CliRun init = CliRun.of("init", dir.toString(), "--recipe", recipe);
        assertEquals(0, init.code(), init.err());
        test(dir, tmp);
        String expected = recipe.equals("lenet5") ? "4" : "0"; // conv1, pool1, conv2, pool2
        assertTrue(Files.readString(dir.resolve("src/test/java/com/example/app/EngineTest.java"))
                .contains("CONVOLUTION_AND_POOLING_LAYERS = " + expected + ";"));
    }

    /** A project on a picture folder the test draws (images:DIR): NetworkTest trains on the pictures it copied. */
    @Test
    void aPictureProjectBuildsAndPassesItsTestsOffline(@TempDir Path tmp) throws IOException, InterruptedException {
        Path pictures = Stripes.draw(tmp.resolve("stripes"));
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.writeString(
                models.resolve("stripes.yaml"),
                Files.readString(Path.of("models/lenet5.yaml"))
                        .replace("name: lenet5", "name: stripes")
                        .replace("dataset: fashion-mnist-sample", "dataset: images:" + pictures)
                        .replace("output: {units: 10,", "output: {units: 3,"));
        Path dir = tmp.resolve("app");
        CliRun init = CliRun.of("init", dir.toString(), "--recipe", "stripes", "--models", models.toString());
        assertEquals(0, init.code(), init.err());
        assertEquals(
                Stripes.PER_CLASS,
                Files.list(dir.resolve("src/test/resources/pictures-tiny/vertical"))
                        .count());
        test(dir, tmp);
    }

    /** {@code mvn -o -q test} in {@code dir}: the build passes, and so do NetworkTest's two tests and EngineTest's three. */
    private static void test(Path dir, Path tmp) throws IOException, InterruptedException {
        List<String> mvn = new ArrayList<>(List.of("mvn", "-o", "-q", "-B", "test"));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null) {
            mvn.add("-Dmaven.repo.local=" + repo);
        }
        Path log = tmp.resolve("mvn.log");
        Process build = new ProcessBuilder(mvn)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!build.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            build.descendants().forEach(ProcessHandle::destroyForcibly);
            build.destroyForcibly().waitFor();
            fail("mvn -o -q test took over " + TIMEOUT_SECONDS + " s in " + dir + "\n" + tail(log));
        }

        assertEquals(0, build.exitValue(), "mvn -o -q test in " + dir + "\n" + tail(log));
        String report = Files.readString(dir.resolve("target/surefire-reports/TEST-com.example.app.NetworkTest.xml"));
        assertTrue(
                report.contains("tests=\"2\"") && report.contains("failures=\"0\"") && report.contains("errors=\"0\""));
        // the engine settings: one thread, a oneDNN helper per convolution and pooling layer, the oneDNN library
        String engine = Files.readString(dir.resolve("target/surefire-reports/TEST-com.example.app.EngineTest.xml"));
        assertTrue(
                engine.contains("tests=\"3\"")
                        && engine.contains("failures=\"0\"")
                        && engine.contains("errors=\"0\"")
                        && engine.contains("skipped=\"0\""),
                engine);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
