package io.github.dl4jzoo.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;

/** Where a run ran: what a reader needs to compare its numbers with another machine's. */
public final class Environment {
    /** The file of a run folder that {@link #write} writes. */
    public static final String ENV_JSON = "env.json";

    private Environment() {}

    /** Writes {@link #describe()} into the run folder as pretty JSON, keys in order. */
    public static void write(RunFolder folder) {
        try {
            folder.writeText(
                    ENV_JSON,
                    new ObjectMapper()
                                    .enable(SerializationFeature.INDENT_OUTPUT)
                                    .writeValueAsString(describe()) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Versions, backend, BLAS, the engine settings ({@link Engine#configure()}, applied here if not yet), CPU, JVM,
     * OS and the project's git commit, in a stable order.
     */
    public static Map<String, String> describe() {
        Map<String, String> engine = Engine.configure();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("dl4j", version(org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class, "1.0.0-M2.1"));
        env.put("nd4j", version(Nd4j.class, "1.0.0-M2.1"));
        env.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        env.put("blas", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        env.put("nd4j threads", String.valueOf(Nd4j.getEnvironment().maxMasterThreads()));
        env.put(
                "engine",
                engine.get("engine") + " ("
                        + String.join(
                                ", ",
                                engine.entrySet().stream()
                                        .filter(e -> !e.getKey().equals("engine"))
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .toList())
                        + ")");
        env.put("cpu", cpuModel());
        env.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("max heap", Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        env.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        env.put("git commit", gitCommit());
        return env;
    }

    private static String version(Class<?> c, String fallback) {
        String v = c.getPackage().getImplementationVersion();
        return v == null ? fallback : v; // shaded jars drop the manifests' versions; the pom pins this one
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String gitCommit() {
        Path home = Path.of(System.getProperty("dl4jzoo.home", "."));
        try {
            Process p = new ProcessBuilder("git", "-C", home.toString(), "rev-parse", "--short=12", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            boolean done = p.waitFor(5, TimeUnit.SECONDS);
            if (done && p.exitValue() == 0) {
                // Published weights are the output of zoo publish, which replaces them one recipe after another:
                // they leave the code the commit describes unchanged.
                Process dirty = new ProcessBuilder(
                                "git",
                                "-C",
                                home.toString(),
                                "status",
                                "--porcelain",
                                "--untracked-files=no",
                                "--",
                                ".",
                                ":(exclude)models/" + Published.DIR)
                        .start();
                boolean changed = dirty.getInputStream().readAllBytes().length > 0;
                dirty.waitFor(5, TimeUnit.SECONDS);
                return out + (changed ? " (with uncommitted changes)" : "");
            }
        } catch (IOException e) {
            // no git on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
