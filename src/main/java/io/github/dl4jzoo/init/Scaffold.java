package io.github.dl4jzoo.init;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.DataKind;
import io.github.dl4jzoo.data.DataSources;
import io.github.dl4jzoo.data.DatasetId;
import io.github.dl4jzoo.data.Datasets;
import io.github.dl4jzoo.data.ProjectSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;

/**
 * A recipe as a standalone DL4J Maven project: pom, README, the network as builder code ({@link NetworkSource}),
 * a {@code Main} that trains and evaluates, the data loader of the recipe's data kind (its {@link DataKind#project}
 * part), the recipe itself, and a test that trains one short epoch on a tiny sample shipped with the project.
 * Everything is built in memory first, so a project that cannot be made leaves nothing behind.
 */
public final class Scaffold {
    /** Where the project keeps the class DL4J M2.1's oneDNN check looks for (see the Nd4jCpu template). */
    static final String SHIM = "src/main/java/org/nd4j/nativeblas/Nd4jCpu.java";

    /** Maven's own pattern for an artifactId. */
    private static final Pattern ARTIFACT_ID = Pattern.compile("[A-Za-z0-9_\\-.]+");

    private Scaffold() {}

    /** What the user chose: the Java package and the Maven artifactId. Checked here, before anything is written. */
    public record Options(String javaPackage, String artifactId) {
        public Options {
            checkPackage(javaPackage);
            if (!ARTIFACT_ID.matcher(artifactId).matches()) {
                throw new InitException("--name '" + artifactId
                        + "': expected a Maven artifactId (letters, digits, '-', '_' and '.'), e.g. my-app");
            }
        }

        String folder() {
            return javaPackage.replace('.', '/');
        }
    }

    private static void checkPackage(String name) {
        String prefix = "--package '" + name + "': ";
        if (name.isEmpty()) {
            throw new InitException(prefix + "expected a Java package name, e.g. com.example.app");
        }
        for (String part : name.split("\\.", -1)) {
            if (SourceVersion.isKeyword(part)) {
                throw new InitException(prefix + "'" + part + "' is a Java keyword");
            }
            if (!SourceVersion.isIdentifier(part)) {
                throw new InitException(prefix + "'" + part + "' is not a Java identifier");
            }
        }
        if (name.equals("java") || name.startsWith("java.")) {
            throw new InitException(prefix + "packages under java. are reserved for the JDK");
        }
    }

    /**
     * The project's files by path relative to its folder, in the order they are listed; {@code folderNotes}
     * describe folders better summed up than listed; {@code trainData} is what Main reads by default (null
     * for XOR).
     */
    public record Project(Map<String, byte[]> files, Map<String, String> folderNotes, String trainData) {}

    /** Refuses a folder that cannot take the project: a file, or a non-empty folder without {@code force}. */
    public static void checkTarget(Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InitException(dir + ": exists and is not a folder");
        }
        if (Files.isDirectory(dir) && !force) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new InitException(dir + ": the folder is not empty (use --force to write into it anyway)");
                }
            } catch (IOException e) {
                throw new InitException(dir + ": cannot list: " + e.getMessage());
            }
        }
    }

    /**
     * The project for {@code recipe}, whose file text is {@code recipeYaml}; {@code command} is how it was asked
     * for (for the README).
     */
    public static Project project(
            Recipe recipe, String recipeYaml, Options options, DataSources sources, String command) {
        DatasetId id = dataset(recipe);
        DataKind kind = id.kind();
        ProjectSpec spec = new ProjectSpec(
                recipe.name(),
                id,
                recipe.dataRequest(Optional.empty()),
                recipe.output().units(),
                recipe.epochs());
        String misfit = kind.misfit(spec);
        if (misfit != null) {
            throw new InitException("recipe " + recipe.name() + ": " + misfit);
        }
        if (recipe.usesStep() && !kind.takesSteps()) {
            throw new InitException("recipe " + recipe.name() + ": a network with step units cannot be trained by"
                    + " gradient descent; zoo init writes one only for the xor data (as the perceptron recipe)");
        }
        String pkg = options.javaPackage(), main = "src/main/java/" + options.folder() + "/";
        String test = "src/test/java/" + options.folder() + "/";
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("PACKAGE", pkg);
        tokens.put("GROUP", pkg);
        tokens.put("ARTIFACT", options.artifactId());
        tokens.put("RECIPE", recipe.name());
        tokens.put("LAYOUT", spec.input().layout().name());
        DataKind.ProjectPart data = kind.project(spec, tokens, sources);
        String prefix = data.prefix();

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("pom.xml", utf8(Templates.render("pom.xml", tokens)));
        files.put(".gitignore", utf8(Templates.read("gitignore")));
        files.put("README.md", utf8(readme(recipe, options, data, command, NetworkSource.zooClasses(recipe))));
        files.put(".mvn/maven.config", utf8(Templates.read("maven.config")));
        files.put("models/" + recipe.name() + ".yaml", utf8(recipeYaml));
        files.put(main + "Main.java", utf8(Templates.render(prefix + "Main.java", tokens)));
        NetworkSource.files(recipe, pkg, "models/" + recipe.name() + ".yaml")
                .forEach((name, text) -> files.put(main + name, utf8(text)));
        data.loaders().forEach(name -> files.put(main + name, utf8(Templates.render(name, tokens))));
        files.put(main + "Engine.java", utf8(Templates.render("Engine.java", tokens)));
        files.put(SHIM, utf8(Templates.read("Nd4jCpu.java")));
        files.put("src/main/resources/simplelogger.properties", utf8(Templates.read("simplelogger.properties")));
        // gradient descent cannot lower a step network's loss, so its test checks that nothing moves instead
        String networkTest = recipe.usesStep() ? "StepNetworkTest.java" : prefix + "NetworkTest.java";
        files.put(test + "NetworkTest.java", utf8(Templates.render(networkTest, tokens)));
        tokens.put("HELPER_LAYERS", String.valueOf(helperLayers(recipe)));
        files.put(test + "EngineTest.java", utf8(Templates.render("EngineTest.java", tokens)));
        files.putAll(data.data());
        return new Project(files, data.notes(), data.trainData());
    }

    /** Writes the files under {@code dir}, creating folders as needed and replacing files of the same name. */
    public static void write(Path dir, Project project) {
        try {
            for (Map.Entry<String, byte[]> e : project.files().entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
        } catch (IOException e) {
            throw new InitException(dir + ": cannot write: " + e.getMessage());
        }
    }

    /** The recipe's dataset, if its kind writes projects for it; else one line naming the datasets it writes for. */
    private static DatasetId dataset(Recipe recipe) {
        DatasetId id = Datasets.id(recipe.dataset());
        if (!id.kind().scaffolds(id)) {
            List<String> written = Datasets.ids().stream()
                    .filter(i -> Datasets.id(i).kind().scaffolds(Datasets.id(i)))
                    .toList();
            throw new InitException("dataset '" + id.id() + "': zoo init writes data loaders for "
                    + String.join(", ", written.subList(0, written.size() - 1)) + " and "
                    + written.get(written.size() - 1));
        }
        return id;
    }

    private static String readme(
            Recipe recipe, Options options, DataKind.ProjectPart data, String command, List<Class<?>> copied) {
        String name = recipe.name(), artifact = options.artifactId(), folder = options.folder();
        StringBuilder s = new StringBuilder();
        s.append("# ").append(artifact).append("\n\n");
        para(
                s,
                "Recipe `" + name + "` of dl4j-zoo as a standalone [Deeplearning4j](https://deeplearning4j.konduit.ai/)"
                        + " 1.0.0-M2.1 project in Java 17. It does not depend on the zoo.");
        Text.wrap(recipe.description(), 110)
                .forEach(l -> s.append("> ").append(l).append('\n'));
        s.append("\n## Build and test\n\n```bash\nmvn -q test\n```\n\n");
        s.append(String.join(
                        "\n",
                        Text.wrap(
                                "compiles the project, then `NetworkTest` builds the network and trains it for one epoch"
                                        + " on " + data.testData() + ", checking that the loss falls and the output"
                                        + " has the right shape. Java 17 and Maven; `.mvn/maven.config` sets"
                                        + " `-Djavacpp.platform.host`, so Maven fetches the native libraries of this"
                                        + " machine only.",
                                110)))
                .append("\n\n");
        s.append("## Train and evaluate\n\n```bash\nmvn -q package -DskipTests\n");
        s.append("java -jar target/")
                .append(artifact)
                .append(".jar ")
                .append(data.arguments())
                .append("\n```\n\n");
        para(s, data.usage());
        s.append("## Speed\n\n");
        para(
                s,
                "Main and the tests call `Engine.configure()` before any network exists: it switches on DL4J's"
                        + " layer helpers (with `org/nd4j/nativeblas/Nd4jCpu.java`, a class DL4J 1.0.0-M2.1 looks"
                        + " for and no longer finds) and runs ND4J on one thread. The pom's `onednn-x86_64` profile"
                        + " adds ND4J's oneDNN build on Linux x86-64, so convolution and pooling run as native oneDNN"
                        + " ops. These are the settings the zoo trains with; without them its convolutional networks"
                        + " trained 2-3.5x slower. `EngineTest` reads them back from ND4J and DL4J. Off:"
                        + " `-Dorg.eclipse.deeplearning4j.helpers.disable=true`, `-Dthreads=0`, Maven"
                        + " `-P '!onednn-x86_64'`.");
        s.append("## Where it came from\n\n");
        String hinge = copied.isEmpty()
                ? ""
                : " (up to the package of "
                        + String.join(
                                ", ", copied.stream().map(Class::getSimpleName).toList())
                        + ", the zoo's own class, copied into this project)";
        para(
                s,
                "Written by `" + command + "` from the zoo's `models/" + name + ".yaml`, copied here unchanged. `"
                        + NetworkSource.CLASS_NAME + ".java` is that recipe as DL4J builder code, every"
                        + " hyper-parameter a named constant. The zoo compiles the code it writes for every recipe"
                        + " it ships (and variants of them) and checks that its configuration JSON equals the zoo's"
                        + " own" + hinge + ", so this trains the network the zoo trains.");
        StringBuilder differs = new StringBuilder();
        if (recipe.data().validation() > 0) {
            differs.append(" The zoo holds out ")
                    .append(Math.round(recipe.data().validation() * 100))
                    .append("% of the training data for validation; Main trains on all of it and reports on the"
                            + " test data only.");
        }
        if (recipe.data().augment() != null) {
            differs.append(" The recipe's data augmentation is not part of this project.");
        }
        if (!data.note().isEmpty()) {
            differs.append(' ').append(data.note());
        }
        if (differs.length() > 0) {
            para(s, differs.toString().trim());
        }
        s.append("## Files\n\n| file | what it is |\n|---|---|\n");
        s.append("| `src/main/java/")
                .append(folder)
                .append("/Main.java` | setup, data, model, training, evaluation, in that order |\n");
        s.append("| `src/main/java/")
                .append(folder)
                .append("/Network.java` | the network: constants, then the builder chain |\n");
        s.append(data.loaderRow());
        s.append("| `Engine.java`, `src/main/java/org/nd4j/nativeblas/Nd4jCpu.java` | the engine settings (see Speed)"
                + " |\n");
        for (Class<?> c : copied) {
            String what = c.getSimpleName().equals("MulticlassHingeLoss")
                    ? "the multiclass SVM loss"
                    : "the perceptron's step activation";
            s.append("| `")
                    .append(c.getSimpleName())
                    .append(".java` | ")
                    .append(what)
                    .append(", which DL4J lacks (a copy of the zoo's) |\n");
        }
        s.append("| `src/test/java/")
                .append(folder)
                .append("/NetworkTest.java` | builds the network, trains one epoch, checks the loss fell |\n");
        s.append("| `EngineTest.java` | one OpenMP thread, and a oneDNN helper on every convolution and pooling layer,"
                + " read from ND4J and DL4J |\n");
        s.append("| `models/").append(name).append(".yaml` | the recipe it was written from |\n");
        s.append(data.dataRow());
        return s.toString();
    }

    /**
     * Convolution and pooling layers of the recipe's network: the layers DL4J gives a oneDNN helper, which the
     * generated EngineTest checks one by one.
     */
    static int helperLayers(Recipe recipe) {
        return (int) Networks.configuration(recipe).getConfs().stream()
                .map(c -> c.getLayer())
                .filter(l -> l instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer
                        || l instanceof org.deeplearning4j.nn.conf.layers.SubsamplingLayer)
                .count();
    }

    private static void para(StringBuilder s, String text) {
        s.append(String.join("\n", Text.wrap(text, 110))).append("\n\n");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
