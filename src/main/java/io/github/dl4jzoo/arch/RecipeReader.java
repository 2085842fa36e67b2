package io.github.dl4jzoo.arch;

import io.github.dl4jzoo.data.DataException;
import io.github.dl4jzoo.data.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads recipe files into {@link Recipe}s: YAML, then overrides ({@code updater.lr=0.01}), then validation.
 * SnakeYAML's plain tree rather than Jackson's: it keeps {@code zoo list} well under half a second.
 */
public final class RecipeReader {
    private static final Map<String, Loss> LOSSES = ids(Loss.values());
    private static final Map<String, Recipe.Task> TASKS = Fields.names(Recipe.Task.values());
    private static final Map<String, Recipe.Updater.Kind> UPDATERS = Fields.names(Recipe.Updater.Kind.values());
    private static final Map<String, Recipe.Schedule.Kind> SCHEDULES = Fields.names(Recipe.Schedule.Kind.values());
    private static final Map<String, GradientNormalization> CLIPPINGS = Map.of(
            "clip-element", GradientNormalization.ClipElementWiseAbsoluteValue,
            "clip-l2-per-layer", GradientNormalization.ClipL2PerLayer,
            "clip-l2-per-param-type", GradientNormalization.ClipL2PerParamType,
            "renormalize-l2-per-layer", GradientNormalization.RenormalizeL2PerLayer,
            "renormalize-l2-per-param-type", GradientNormalization.RenormalizeL2PerParamType);
    private static final Map<String, Family> FAMILIES = Family.all();

    private RecipeReader() {}

    /** Reads one recipe file; {@code overrides} are {@code dotted.path=value} pairs applied before validation. */
    public static Recipe read(Path file, List<String> overrides) {
        return parse(new Fields(file.toString(), "", tree(file, overrides), overridden(overrides)));
    }

    /** Each overridden field's dotted path with the assignment that set it (the last, when one is set twice). */
    private static Map<String, String> overridden(List<String> overrides) {
        Map<String, String> m = new HashMap<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            m.put(o.substring(0, eq).trim(), o.trim());
        }
        return m;
    }

    /** A recipe kept as text elsewhere (inside a model zip); {@code source} names it in messages. */
    public static Recipe read(String yaml, String source, List<String> overrides) {
        return parse(new Fields(source, "", tree(yaml, source, overrides)));
    }

    /** The recipe after overrides, as YAML: what a run writes beside its outputs. */
    public static String resolvedYaml(Path file, List<String> overrides) {
        return dump(tree(file, overrides));
    }

    /** As {@link #resolvedYaml(Path, List)} for a recipe kept as text. */
    public static String resolvedYaml(String yaml, String source, List<String> overrides) {
        return dump(tree(yaml, source, overrides));
    }

    private static String dump(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(110);
        return new Yaml(options).dump(tree);
    }

    private static Map<String, Object> tree(Path file, List<String> overrides) {
        try {
            return tree(Files.readString(file), file.toString(), overrides);
        } catch (NoSuchFileException e) {
            throw new RecipeException(file + ": no such file");
        } catch (IOException e) {
            throw new RecipeException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static Map<String, Object> tree(String text, String source, List<String> overrides) {
        Object tree;
        try {
            tree = yaml().load(text);
        } catch (MarkedYAMLException e) {
            String context = e.getContextMark() == null
                    ? ""
                    : " (" + e.getContext() + " from line "
                            + (e.getContextMark().getLine() + 1) + ")";
            throw new RecipeException(source + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + e.getProblem() + context);
        } catch (YAMLException e) {
            throw new RecipeException(source + ": cannot read: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new RecipeException(source + ": expected a YAML mapping of recipe fields");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree;
        for (String o : overrides) {
            override(map, o, source);
        }
        return map;
    }

    /** A key given twice is an error, not "the last one wins": the reader would silently drop the first. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    @SuppressWarnings("unchecked")
    private static void override(Map<String, Object> tree, String assignment, String source) {
        int eq = assignment.indexOf('=');
        if (eq <= 0 || eq == assignment.length() - 1) {
            throw new RecipeException("--set " + assignment + ": expected key=value, e.g. updater.lr=0.01");
        }
        String[] keys = assignment.substring(0, eq).trim().split("\\.");
        Object value;
        try {
            value = yaml().load(assignment.substring(eq + 1));
        } catch (YAMLException e) {
            throw new RecipeException("--set " + assignment + ": the value is not valid YAML");
        }
        Map<String, Object> node = tree;
        for (int i = 0; i < keys.length - 1; i++) {
            if (!(node.get(keys[i]) instanceof Map<?, ?> child)) {
                throw new RecipeException(source + ": --set " + assignment + ": "
                        + String.join(".", Arrays.copyOf(keys, i + 1)) + " is not a mapping in this recipe");
            }
            node = (Map<String, Object>) child;
        }
        node.put(keys[keys.length - 1], value);
    }

    private static Recipe parse(Fields f) {
        String name = f.text("name");
        Family family = f.choice("family", FAMILIES);
        Recipe.Task task = f.choice("task", TASKS);
        Fields table = f.has("arch") ? f.object("arch") : new Fields(f.source(), "arch", Map.of());
        Arch arch = family.read(table);
        table.done();
        Recipe.DataSpec data = data(f.object("data"), task);
        Recipe.Input input = input(f, arch, data.window());
        Recipe.Output output = output(f.object("output"));
        Recipe r;
        try {
            r = new Recipe(
                    name,
                    f.text("description"),
                    task,
                    dataset(f),
                    input,
                    arch,
                    output,
                    f.weightInit("weightInit"),
                    updater(f.object("updater")),
                    f.has("regularization") ? regularization(f.object("regularization")) : Recipe.Regularization.NONE,
                    f.has("clipping") ? clipping(f.object("clipping")) : Recipe.Clipping.NONE,
                    f.integer("batchSize", 1, 1 << 20),
                    f.integer("epochs", 1, 1_000_000),
                    f.whole("seed", 0),
                    data);
        } catch (RecipeException e) {
            boolean placed =
                    e.getMessage().startsWith(f.source()) || e.getMessage().startsWith("--set ");
            throw placed ? e : new RecipeException(f.source() + ": " + e.getMessage());
        }
        f.done();
        try {
            r.parameterCount(); // checks that the family fits the input
        } catch (RecipeException e) {
            throw new RecipeException(f.source() + ": " + e.getMessage());
        }
        return r;
    }

    /**
     * The recipe's {@code input}; for a forecaster it is derived from the window ({@code steps} past values of the
     * {@code features} columns, in the form the family reads), so changing the window is one setting.
     */
    private static Recipe.Input input(Fields recipe, Arch arch, Recipe.Window window) {
        if (window == null) {
            return input(recipe.object("input"));
        }
        if (recipe.has("input")) {
            throw new RecipeException(recipe.source()
                    + ": input: not set for a forecaster: it is derived from data.window (steps x features);"
                    + " remove it");
        }
        return arch.windowInput(window.steps(), window.features().size());
    }

    /** A dataset id the data layer can resolve (no file is read here: the dataset may not be on this machine). */
    private static String dataset(Fields f) {
        String id = f.text("dataset");
        try {
            Datasets.id(id);
        } catch (DataException e) {
            throw f.error("dataset", "one of " + String.join(", ", Datasets.ids()));
        }
        return id;
    }

    private static Recipe.Input input(Fields f) {
        Recipe.Input in;
        if (f.has("channels") || f.has("height") || f.has("width")) {
            in = new Recipe.Input.Image(
                    f.integer("channels", 1, 4096), f.integer("height", 1, 1 << 16), f.integer("width", 1, 1 << 16));
        } else if (f.has("steps")) {
            in = new Recipe.Input.Sequence(f.integer("steps", 1, 1 << 20), f.integer("features", 1, 1 << 20));
        } else if (f.has("features")) {
            in = new Recipe.Input.Vector(f.integer("features", 1, 1 << 24));
        } else {
            throw new RecipeException(
                    f.source() + ": input: expected {channels, height, width}, {steps, features} or {features}");
        }
        f.done();
        return in;
    }

    private static Recipe.Output output(Fields f) {
        Recipe.Output o =
                new Recipe.Output(f.integer("units", 1, 1 << 24), f.activation("activation"), f.choice("loss", LOSSES));
        f.done();
        return o;
    }

    private static Recipe.Updater updater(Fields f) {
        Recipe.Updater.Kind kind = f.choice("type", UPDATERS);
        double momentum = kind == Recipe.Updater.Kind.NESTEROVS ? f.number("momentum", 0, 1) : 0;
        Recipe.Schedule schedule = null;
        if (f.has("schedule")) {
            Fields s = f.object("schedule");
            Recipe.Schedule.Kind sk = s.choice("type", SCHEDULES);
            schedule = new Recipe.Schedule(
                    sk,
                    s.number("gamma", 0, 1e6),
                    sk == Recipe.Schedule.Kind.INVERSE ? s.number("power", 0, 100) : 1,
                    sk == Recipe.Schedule.Kind.STEP ? s.integer("step", 1, Integer.MAX_VALUE) : 1);
            s.done();
        }
        Recipe.Updater u = new Recipe.Updater(kind, f.positive("lr"), momentum, schedule);
        f.done();
        return u;
    }

    private static Recipe.Regularization regularization(Fields f) {
        Recipe.Regularization r = new Recipe.Regularization(
                f.has("l1") ? f.number("l1", 0, 1e3) : 0,
                f.has("l2") ? f.number("l2", 0, 1e3) : 0,
                f.has("dropout") ? f.number("dropout", 0, 0.95) : 0);
        f.done();
        return r;
    }

    private static Recipe.Clipping clipping(Fields f) {
        Recipe.Clipping c = new Recipe.Clipping(f.choice("type", CLIPPINGS), f.positive("threshold"));
        f.done();
        return c;
    }

    private static Recipe.DataSpec data(Fields f, Recipe.Task task) {
        Recipe.Augment augment = null;
        if (f.has("augment")) {
            Fields a = f.object("augment");
            augment = new Recipe.Augment(a.number("shift", 0, 0.5), a.number("rotate", 0, 180), a.flag("flip"));
            a.done();
        }
        Recipe.Window window = null;
        if (f.has("window")) {
            Fields w = f.object("window");
            window = new Recipe.Window(
                    w.text("date"),
                    w.integer("steps", 1, 1 << 20),
                    w.integer("horizon", 1, 1 << 20),
                    w.integer("stride", 1, 1 << 20),
                    List.copyOf(w.texts("features")),
                    w.text("target"),
                    w.integer("testRows", 1, 1 << 24));
            w.done();
        }
        Recipe.DataSpec d = new Recipe.DataSpec(
                f.number("validation", 0, 0.9), f.has("standardize") && f.flag("standardize"), augment, window);
        f.skip("standardize");
        f.done();
        return d;
    }

    private static Map<String, Loss> ids(Loss[] values) {
        Map<String, Loss> m = new HashMap<>();
        for (Loss l : values) {
            m.put(l.id(), l);
        }
        return m;
    }
}
