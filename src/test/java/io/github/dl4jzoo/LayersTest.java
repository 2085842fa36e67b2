package io.github.dl4jzoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layers of the code follow the data and the arrows point one way: each package imports only these. The API
 * sits over the lower packages and under the command line; nothing below it imports it.
 */
class LayersTest {
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "data", Set.of(),
            "arch", Set.of("data"), // recipe validation resolves dataset ids
            "train", Set.of("arch", "data"),
            "report", Set.of("arch", "train"),
            "bench", Set.of("arch", "data", "train"),
            "init", Set.of("arch", "data"), // a generated project's data comes from the catalogue
            "api", Set.of("arch", "data", "report", "train"),
            "cli", Set.of("api", "arch", "bench", "data", "init", "report", "train"));
    private static final Pattern IMPORT = Pattern.compile("import (?:static )?io\\.github\\.dl4jzoo\\.([a-z]+)\\.");

    @ParameterizedTest
    @ValueSource(strings = {"data", "arch", "train", "report", "bench", "init", "api", "cli"})
    void importsOnlyWhatItMay(String pkg) throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/github/dl4jzoo", pkg))) {
            files.forEach(f -> {
                try {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        used.remove(pkg);
        Set<String> forbidden = new TreeSet<>(used);
        forbidden.removeAll(ALLOWED.get(pkg));
        assertEquals(Set.of(), forbidden, pkg + " imports " + used);
    }
}
