package io.github.dl4jzoo.arch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every recipe in one or more folders ({@code models/} by default), keyed by name. Strict: a file whose
 * {@code name} is not its file name, or two files with one name, is an error; so is any invalid recipe, when
 * the registry loads.
 */
public final class Registry {
    private final Map<String, Path> files;

    private Registry(Map<String, Path> files) {
        this.files = files;
    }

    public static Registry load(Path folder) {
        return load(List.of(folder));
    }

    /** Indexes {@code folder/*.yaml} of each folder and validates every recipe, so a bad file is found at once. */
    public static Registry load(List<Path> folders) {
        Map<String, Path> files = new TreeMap<>();
        for (Path folder : folders) {
            index(folder, files);
        }
        return new Registry(files);
    }

    private static void index(Path folder, Map<String, Path> files) {
        if (!Files.isDirectory(folder)) {
            throw new RecipeException(folder + ": no such folder of recipes (expected a folder of NAME.yaml files)");
        }
        List<Path> yamls;
        try (Stream<Path> s = Files.list(folder)) {
            yamls = s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RecipeException(folder + ": cannot list: " + e.getMessage());
        }
        for (Path p : yamls) {
            Recipe r = RecipeReader.read(p, List.of());
            String stem = p.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (!r.name().equals(stem)) {
                throw new RecipeException(
                        p + ": name: expected '" + stem + "' (the file name), got '" + r.name() + "'");
            }
            Path before = files.putIfAbsent(r.name(), p);
            if (before != null) {
                throw new RecipeException(p + ": name: '" + r.name() + "' is already defined by " + before);
            }
        }
    }

    /** Names matching a shell-style pattern ({@code lenet*}, {@code *forecast*}, {@code mlp?}), sorted. */
    public List<String> list(String pattern) {
        Pattern p = Pattern.compile(glob(pattern));
        return files.keySet().stream().filter(n -> p.matcher(n).matches()).toList();
    }

    public List<String> names() {
        return List.copyOf(files.keySet());
    }

    public Path file(String name) {
        Path p = files.get(name);
        if (p == null) {
            throw new RecipeException(unknown(name));
        }
        return p;
    }

    /** The name itself, once checked to exist. */
    private String name(String name) {
        file(name);
        return name;
    }

    public Recipe get(String name) {
        return get(name, List.of());
    }

    public Recipe get(String name, List<String> overrides) {
        return RecipeReader.read(file(name), overrides);
    }

    /** "unknown recipe 'lenet', did you mean 'lenet5'?" */
    public String unknown(String name) {
        Optional<String> close = files.keySet().stream()
                .min(Comparator.comparingInt((String n) -> distance(n, name)).thenComparing(n -> n));
        String hint = close.filter(n -> distance(n, name) <= Math.max(2, name.length() / 2))
                .map(n -> ", did you mean '" + n + "'?")
                .orElse(" (zoo list shows them all)");
        return "unknown recipe '" + name + "'" + hint;
    }

    /** Expands patterns (and plain names) into recipe names, in order, without repeats. */
    public List<String> expand(List<String> patterns) {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            List<String> hit = p.contains("*") || p.contains("?") ? list(p) : List.of(name(p));
            if (hit.isEmpty()) {
                throw new RecipeException("no recipe matches '" + p + "' (zoo list shows them all)");
            }
            hit.stream().filter(n -> !out.contains(n)).forEach(out::add);
        }
        return out;
    }

    private static String glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(
                    switch (c) {
                        case '*' -> ".*";
                        case '?' -> ".";
                        default -> Pattern.quote(String.valueOf(c));
                    });
        }
        return re.toString();
    }

    /** Levenshtein distance, for suggestions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
