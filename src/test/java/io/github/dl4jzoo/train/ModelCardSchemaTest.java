package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.bench.Flops;
import io.github.dl4jzoo.data.Catalog;
import io.github.dl4jzoo.data.DataFile;
import io.github.dl4jzoo.data.Datasets;
import io.github.dl4jzoo.data.KnownDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every card in models/weights, in the manner of torchvision's test_schema_meta_validation: every field is
 * there, the weights file is the one the card hashes, the parameter count is the built network's (recounted
 * by DL4J, not read from the card), and the data files read are the catalogue's, with the SHA-256 the files here
 * have (Fashion-MNIST from Debian's dataset-fashion-mnist, CO2 embedded).
 */
class ModelCardSchemaTest {
    static final Path WEIGHTS = Path.of("models", Published.DIR);
    static final long MAX_TOTAL_BYTES = 20L * 1024 * 1024;
    private static final String CLASSPATH = "classpath:";
    private static final Set<String> FIELDS = Set.of(
            "name",
            "task",
            "dataset",
            "metrics",
            "parameters",
            "flops",
            "training",
            "input",
            "command",
            "gitCommit",
            "date",
            "weights");

    static Stream<String> cards() throws IOException {
        try (Stream<Path> s = Files.list(WEIGHTS)) {
            return s
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void theDoneWhenModelsArePublishedAndTheFolderStaysSmall() throws IOException {
        List<String> names = cards().toList();
        assertTrue(names.containsAll(List.of("lenet5", "lstm-forecast")), names.toString());
        long total;
        try (Stream<Path> s = Files.list(WEIGHTS)) {
            total = s.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total < MAX_TOTAL_BYTES, "models/weights holds " + total + " bytes");
        try (Stream<Path> s = Files.list(WEIGHTS)) {
            Set<String> files = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            for (String n : names) {
                assertTrue(files.contains(n + ".zip"), n + ".zip beside its card");
            }
            assertEquals(2 * names.size(), files.size(), "only cards and their weights: " + files);
        }
    }

    @ParameterizedTest
    @MethodSource("cards")
    void theCardIsCompleteAndTrue(String name) throws IOException {
        Path json = WEIGHTS.resolve(name + ".json");
        JsonNode tree = new ObjectMapper().readTree(json.toFile());
        for (String f : FIELDS) {
            assertTrue(tree.hasNonNull(f), name + ": " + f);
        }
        ModelCard c = ModelCard.read(json);
        assertEquals(name, c.name());
        assertTrue(c.command().startsWith("zoo publish "), c.command());
        assertTrue(c.gitCommit().matches("[0-9a-f]{12}"), "published from a clean commit: " + c.gitCommit());
        assertTrue(c.date().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), c.date());

        Path zip = WEIGHTS.resolve(c.weights().file());
        assertEquals(name + ".zip", c.weights().file());
        assertEquals(Files.size(zip), c.weights().bytes());
        assertEquals(Published.sha256(zip), c.weights().sha256());

        var recipe = Registry.load(Path.of("models")).get(name);
        assertEquals(recipe.task().id(), c.task());
        assertEquals(Networks.build(recipe).numParams(), c.parameters());
        assertEquals(Flops.forward(recipe), c.flops());

        KnownDataset data = Catalog.find(c.dataset().id()).orElseThrow();
        assertEquals(Catalog.licence(data.id()), c.dataset().licence());
        assertEquals(data.files().size(), c.dataset().files().size());
        for (int i = 0; i < data.files().size(); i++) {
            RunResult.Source read = c.dataset().files().get(i);
            assertTrue(read.file().endsWith(data.files().get(i).name()), read.file());
            DataFile file = read.file().startsWith(CLASSPATH)
                    ? DataFile.resource(read.file().substring(CLASSPATH.length()))
                    : DataFile.of(Path.of(read.file()));
            Datasets.Source here = Datasets.sources(List.of(file)).get(0);
            assertEquals(new RunResult.Source(here.file(), here.sha256()), read, "the file as it is here");
        }
        ModelCard.Measured m = c.metrics();
        assertEquals("test", m.split());
        if (c.task().equals("classification")) {
            assertEquals("fashion-mnist", data.id());
            assertEquals(10_000, m.examples());
            assertNotNull(m.accuracy());
            assertNotNull(m.macroF1());
        } else {
            assertEquals(24, m.examples());
            assertNotNull(m.rmse());
            assertNotNull(m.mae());
            assertNotNull(m.units());
        }
    }
}
