package io.github.dl4jzoo.init;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed files of a generated project (data loaders, Main, tests), kept as resources beside this class in
 * {@code templates/NAME.tmpl}. A template's only variables are {@code __UPPER_CASE__} tokens, replaced verbatim;
 * a token left without a value is a bug in the generator and fails at once.
 */
final class Templates {
    private static final Pattern TOKEN = Pattern.compile("__[A-Z][A-Z_]*__");

    private Templates() {}

    static String render(String name, Map<String, String> values) {
        String text = read(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("__" + e.getKey() + "__", e.getValue());
        }
        Matcher left = TOKEN.matcher(text);
        if (left.find()) {
            throw new IllegalStateException("template " + name + ": no value for " + left.group());
        }
        return text;
    }

    static String read(String name) {
        try (InputStream in = Templates.class.getResourceAsStream("templates/" + name + ".tmpl")) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is missing from the zoo's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
