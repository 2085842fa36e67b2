package io.github.dl4jzoo.init;

import java.util.ArrayList;
import java.util.List;

/** Small text helpers for the generated files: word wrapping and javadoc-safe text. */
final class Text {
    private Text() {}

    /** Splits text into lines of at most {@code width} characters at spaces (a longer word gets its own line). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * A line that cannot end the comment or start a tag inside a javadoc comment: HTML's three specials, a
     * comment end, and '@' at the start of a line (a block tag there; elsewhere it is plain text).
     */
    static String javadoc(String line) {
        String s = line.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("*/", "*&#47;")
                .replace("{@", "{&#64;");
        return s.startsWith("@") ? "&#64;" + s.substring(1) : s;
    }
}
