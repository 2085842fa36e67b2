package io.github.dl4jzoo.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builder code {@code zoo init} writes builds the zoo's network: for every recipe (and variants that switch
 * on what the recipes leave off: dropout, penalties, clipping, every updater and schedule, stacked LSTMs), the
 * rendered {@code Network} class is compiled in-process, and its configuration JSON must equal
 * {@code Networks.configuration(recipe).toJson()}, with the same parameter count.
 *
 * <p>One normalisation, and only one: a class of the zoo the network uses (the multiclass hinge loss of
 * {@code linear-svm}) is copied into the project's package, so the JSON names it there; the comparison maps that
 * one class name back to the zoo's before comparing, and checks it occurred exactly as often as in the zoo's JSON.
 * Nothing else differs: the JSON has no volatile fields (no timestamps, ids or random values).
 */
class NetworkSourceTest {
    static final Registry REGISTRY = Registry.load(Path.of("models"));

    /** Overrides that exercise what the recipes leave off, applied to every recipe. */
    static final List<String> REGULARISED = List.of(
            "regularization={l1: 0.001, l2: 0.002, dropout: 0.25}",
            "clipping={type: clip-l2-per-layer, threshold: 0.5}");

    /** One case per updater and schedule, and the shapes the recipes do not have. */
    static final Map<String, List<String>> EXTRA = new LinkedHashMap<>();

    static {
        EXTRA.put(
                "mlp sgd exponential",
                List.of("updater={type: sgd, lr: 0.1, schedule: {type: exponential, gamma: 0.99}}"));
        EXTRA.put(
                "mlp adam step",
                List.of("updater={type: adam, lr: 0.01, schedule: {type: step, gamma: 0.5, step: 100}}"));
        EXTRA.put("mlp rmsprop", List.of("updater={type: rmsprop, lr: 0.002}"));
        EXTRA.put(
                "mlp adagrad inverse",
                List.of("updater={type: adagrad, lr: 0.05, schedule: {type: inverse, gamma: 0.001, power: 0.75}}"));
        EXTRA.put("mlp nesterovs", List.of("updater={type: nesterovs, lr: 0.05, momentum: 0.8}"));
        EXTRA.put("mlp clip-element", List.of("clipping={type: clip-element, threshold: 2.5}"));
        EXTRA.put("lstm-rows stacked", List.of("arch.units=[32, 16]", "regularization={dropout: 0.1}"));
        EXTRA.put("lenet5 big seed", List.of("seed=12345678901"));
        EXTRA.put("linear-svm tiny l2", List.of("regularization={l2: 1.0e-7}"));
    }

    record Case(String label, String recipe, List<String> overrides) {
        String javaPackage() {
            return "gen.c" + Math.abs(label.hashCode());
        }

        Recipe load() {
            return REGISTRY.get(recipe, overrides);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String name : REGISTRY.names()) {
            cases.add(new Case(name, name, List.of()));
            cases.add(new Case(name + " regularised", name, REGULARISED));
        }
        EXTRA.forEach((label, overrides) -> cases.add(new Case(label, label.split(" ")[0], overrides)));
        return cases;
    }

    static Stream<Case> allCases() {
        return cases().stream();
    }

    static ClassLoader compiled;

    /** One javac run for all cases, each in its own package: compiling is the slow part. */
    @BeforeAll
    static void compileAll(@TempDir Path dir) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Case c : cases()) {
            NetworkSource.files(c.load(), c.javaPackage(), "models/" + c.recipe() + ".yaml")
                    .forEach((file, text) -> sources.put(c.javaPackage().replace('.', '/') + "/" + file, text));
        }
        compiled = Javac.compile(dir, sources);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void theGeneratedCodeBuildsTheZoosConfiguration(Case c) throws Exception {
        Recipe recipe = c.load();
        MultiLayerConfiguration zoo = Networks.configuration(recipe);
        MultiLayerConfiguration generated =
                (MultiLayerConfiguration) compiled.loadClass(c.javaPackage() + "." + NetworkSource.CLASS_NAME)
                        .getMethod("configuration")
                        .invoke(null);

        String zooJson = zoo.toJson();
        String json = generated.toJson();
        for (Class<?> own : NetworkSource.zooClasses(recipe)) {
            String copy = "\"" + c.javaPackage() + "." + own.getSimpleName() + "\"";
            String original = "\"" + own.getName() + "\"";
            assertEquals(occurrences(zooJson, original), occurrences(json, copy), "uses of " + own.getSimpleName());
            assertTrue(occurrences(zooJson, original) > 0);
            json = json.replace(copy, original);
        }
        assertEquals(tree(zooJson), tree(json));
        assertEquals(zooJson, json, "same tree, and the same text too");
        assertEquals(parameters(zoo), parameters(generated));
    }

    @Test
    void onlyTheHingeLossAndPerceptronRecipesNeedACopiedClass() {
        for (String name : REGISTRY.names()) {
            int expected = name.equals("linear-svm") || name.equals("perceptron") ? 1 : 0;
            assertEquals(expected, NetworkSource.zooClasses(REGISTRY.get(name)).size(), name);
        }
    }

    private static long parameters(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net.numParams();
    }

    private static JsonNode tree(String json) throws IOException {
        return new ObjectMapper().readTree(json);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
