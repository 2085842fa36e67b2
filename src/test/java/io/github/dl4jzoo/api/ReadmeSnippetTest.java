package io.github.dl4jzoo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.init.Javac;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's API example, read from README.md itself, compiles and runs, and prints what it should. */
class ReadmeSnippetTest {
    private static final Pattern BLOCK = Pattern.compile("## The Java API\n.*?```java\n(.*?)```\n", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void theReadmeExampleRuns() throws Exception {
        Matcher m = BLOCK.matcher(Files.readString(Path.of("README.md")));
        assertTrue(m.find(), "README.md: no java block under \"## The Java API\"");
        String source = m.group(1);
        ClassLoader loader = Javac.compile(tmp, Map.of("ZooExample.java", source));

        // Runs land under dl4jzoo.home: a temporary home that sees the checkout's recipes.
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.createSymbolicLink(home.resolve("models"), Path.of("models").toAbsolutePath());
        String before = System.getProperty("dl4jzoo.home");
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setProperty("dl4jzoo.home", home.toString());
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            loader.loadClass("ZooExample").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(stdout);
            if (before == null) {
                System.clearProperty("dl4jzoo.home");
            } else {
                System.setProperty("dl4jzoo.home", before);
            }
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        stdout.print(out);

        Matcher run = Pattern.compile("epoch 1: loss \\d\\.\\d{4}\nmlp: test accuracy (0\\.\\d{4}) in (\\S+)\n")
                .matcher(out);
        assertTrue(run.find(), out);
        assertTrue(Double.parseDouble(run.group(1)) > 0.6, "10 classes: chance is 0.1, got " + run.group(1));
        Path runDir = Path.of(run.group(2));
        assertEquals(home.resolve("runs"), runDir.getParent());
        for (String f : List.of("recipe.yaml", "model.zip", "metrics.json", "env.json")) {
            assertTrue(Files.isRegularFile(runDir.resolve(f)), f);
        }
        assertTrue(
                Pattern.compile("(image [012]: \\[[^,\\]]+ 0\\.\\d{4}, [^,\\]]+ 0\\.\\d{4}\\]\n){3}")
                        .matcher(out)
                        .find(),
                out);
        Matcher table = Pattern.compile(
                        "RECIPE +FAMILY +PARAMS +EPOCHS +ACCURACY +TRAIN S +SAMPLES/S\n(\\S+) .*\n(\\S+) .*\n\nreport: (\\S+)\n")
                .matcher(out);
        assertTrue(table.find(), out);
        assertEquals(
                List.of("linear-softmax", "mlp"),
                List.of(table.group(1), table.group(2)).stream().sorted().toList());
        assertTrue(Files.isRegularFile(Path.of(table.group(3))), table.group(3));
    }
}
