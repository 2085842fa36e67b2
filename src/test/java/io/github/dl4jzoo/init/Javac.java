package io.github.dl4jzoo.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;

/** Compiles generated sources in-process against the test class path and loads them. */
public final class Javac {
    private Javac() {}

    /**
     * Writes {@code sources} (a path under a source root, e.g. {@code a/b/Network.java}, to its text) under
     * {@code dir}, compiles them into {@code dir/classes} and returns a class loader for them whose parent is this
     * test's loader, so DL4J's classes are the test's own.
     */
    public static ClassLoader compile(Path dir, Map<String, String> sources) {
        try {
            Path classes = dir.resolve("classes");
            Files.createDirectories(classes);
            List<String> args = new ArrayList<>(
                    List.of("-d", classes.toString(), "-cp", classPath(), "--release", "17", "-proc:none"));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = dir.resolve("src").resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int code = ToolProvider.getSystemJavaCompiler().run(null, log, log, args.toArray(String[]::new));
            assertEquals(0, code, "javac failed:\n" + log);
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Javac.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire may hide the class path in a manifest-only jar; it also publishes it as a property. */
    public static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
