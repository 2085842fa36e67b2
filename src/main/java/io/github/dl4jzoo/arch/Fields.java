package io.github.dl4jzoo.arch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * One YAML mapping of a recipe, read field by field. Every error names the file and the dotted path of the
 * field, and {@link #done()} rejects keys nobody read, so a typo ({@code learningrate:}) fails loudly instead of
 * being ignored. Works on SnakeYAML's plain Java tree (maps, lists, numbers, strings). A {@link Family} reads its
 * {@code arch} table with it.
 */
public final class Fields {
    private static final Map<String, WeightInit> WEIGHT_INITS = names(WeightInit.values());

    private final String source;
    private final String path;
    private final Map<?, ?> node;
    private final Set<String> read = new HashSet<>();
    /** The fields an override set, by dotted path, each with the {@code key=value} that set it. */
    private final Map<String, String> overridden;

    Fields(String source, String path, Object node) {
        this(source, path, node, Map.of());
    }

    Fields(String source, String path, Object node, Map<String, String> overridden) {
        this.source = source;
        this.path = path;
        this.overridden = overridden;
        if (!(node instanceof Map<?, ?> map)) {
            throw new RecipeException(source + ": " + (path.isEmpty() ? "top level" : path) + ": expected a mapping");
        }
        this.node = map;
    }

    String source() {
        return source;
    }

    public boolean has(String key) {
        return node.get(key) != null;
    }

    private Object get(String key) {
        read.add(key);
        Object v = node.get(key);
        if (v == null) {
            throw error(key, "a value (the field is required)");
        }
        return v;
    }

    public RecipeException error(String key, String expected) {
        Object v = node.get(key);
        String got = v == null ? "" : ", got " + shorten(String.valueOf(v));
        return new RecipeException(blame(at(key), "expected " + expected + got));
    }

    /**
     * A message about the field at {@code dotted}: it names the {@code --set} that gave the field (or a mapping or
     * list holding it) its value, or else the recipe file and the field.
     */
    private String blame(String dotted, String what) {
        String by = null;
        for (String p = dotted; by == null && !p.isEmpty(); p = p.substring(0, Math.max(0, lastStep(p)))) {
            by = overridden.get(p);
        }
        return by == null
                ? source + ": " + dotted + ": " + what
                : "--set " + by + ": " + what + " (recipe " + source + ")";
    }

    public String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Fields object(String key) {
        return new Fields(source, at(key), get(key), overridden);
    }

    public String text(String key) {
        if (!(get(key) instanceof String s) || s.isBlank()) {
            throw error(key, "a non-empty string");
        }
        return s.trim();
    }

    private static boolean isWhole(Object v) {
        return v instanceof Integer || v instanceof Long;
    }

    public int integer(String key, int min, int max) {
        Object v = get(key);
        if (!isWhole(v) || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
            throw error(key, "an integer from " + min + " to " + max);
        }
        return ((Number) v).intValue();
    }

    public long whole(String key, long min) {
        Object v = get(key);
        if (!isWhole(v) || ((Number) v).longValue() < min) {
            throw error(key, "an integer >= " + min);
        }
        return ((Number) v).longValue();
    }

    /** A number in the closed range [min, max]. */
    public double number(String key, double min, double max) {
        Object v = get(key);
        if (!(v instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw error(key, "a number from " + min + " to " + max);
        }
        return n.doubleValue();
    }

    /** A number strictly above zero (learning rates, thresholds). */
    public double positive(String key) {
        Object v = get(key);
        if (!(v instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
            throw error(key, "a number > 0");
        }
        return n.doubleValue();
    }

    public boolean flag(String key) {
        if (!(get(key) instanceof Boolean b)) {
            throw error(key, "true or false");
        }
        return b;
    }

    /** One of a fixed set of names; the message lists them all. */
    public <T> T choice(String key, Map<String, T> allowed) {
        Object v = get(key);
        T found = v instanceof String s ? allowed.get(s.toLowerCase(Locale.ROOT)) : null;
        if (found == null) {
            throw error(key, "one of " + String.join(", ", new TreeMap<>(allowed).keySet()));
        }
        return found;
    }

    public List<Integer> integers(String key, int min, boolean allowEmpty) {
        Object v = get(key);
        boolean ok = v instanceof List<?> l
                && (allowEmpty || !l.isEmpty())
                && l.stream().allMatch(e -> e instanceof Integer i && i >= min);
        if (!ok) {
            throw error(key, (allowEmpty ? "a list" : "a non-empty list") + " of integers >= " + min);
        }
        return ((List<?>) v).stream().map(e -> (Integer) e).toList();
    }

    public List<String> texts(String key) {
        Object v = get(key);
        boolean ok = v instanceof List<?> l
                && !l.isEmpty()
                && l.stream().allMatch(e -> e instanceof String s && !s.isBlank());
        if (!ok) {
            throw error(key, "a non-empty list of names");
        }
        return ((List<?>) v).stream().map(e -> ((String) e).trim()).toList();
    }

    /** One of DL4J's activations by its name in lower case ({@code relu}, {@code tanh}, ...), or {@code step}. */
    public ActivationFunction activation(String key) {
        return choice(key, ActivationFunction.ALL);
    }

    /** One of DL4J's weight initialisations, by its name in lower case ({@code xavier}, {@code relu}, ...). */
    public WeightInit weightInit(String key) {
        return choice(key, WEIGHT_INITS);
    }

    public <T> List<T> objects(String key, Function<Fields, T> each) {
        if (!(get(key) instanceof List<?> list) || list.isEmpty()) {
            throw error(key, "a non-empty list of mappings");
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Fields f = new Fields(source, at(key) + "[" + i + "]", list.get(i), overridden);
            out.add(each.apply(f));
            f.done();
        }
        return List.copyOf(out);
    }

    /** Rejects any key that was never read: an unknown field is a mistake in the file, not something to skip. */
    public void done() {
        for (Object k : node.keySet()) {
            if (!read.contains(String.valueOf(k))) {
                throw new RecipeException(blame(at(String.valueOf(k)), "unknown field (check the spelling)"));
            }
        }
    }

    /** Marks a key as read without reading it (it was handled by a caller). */
    public void skip(String key) {
        read.add(key);
    }

    /** Enum constants by their lower-case names, for {@link #choice}. */
    static <E extends Enum<E>> Map<String, E> names(E[] values) {
        Map<String, E> m = new HashMap<>();
        for (E e : values) {
            m.put(e.name().toLowerCase(Locale.ROOT), e);
        }
        return m;
    }

    /** Where the last step of a dotted path ({@code .key} or {@code [i]}) starts, or -1. */
    private static int lastStep(String dotted) {
        return Math.max(dotted.lastIndexOf('.'), dotted.lastIndexOf('['));
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
