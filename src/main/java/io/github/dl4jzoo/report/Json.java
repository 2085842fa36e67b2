package io.github.dl4jzoo.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunFolder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * JSON files built as trees, so that keys come out in the order they are put (files that compare byte for byte)
 * and NaN is written as null (JSON has no NaN).
 */
public final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    // "\n" rather than the platform's line separator: the same result gives the same bytes everywhere.
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    /** Through a temporary file and an atomic rename: a reader never sees half a file. */
    static void write(Path file, JsonNode tree) throws IOException {
        RunFolder.writeText(file, text(tree));
    }

    /** Any value (a tree, a map, records) as pretty JSON ending in a newline. */
    public static String text(Object value) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // the zoo's own values always serialise
        }
    }

    /** Test metrics in snake_case, the names of {@code results.csv}'s columns. */
    static ObjectNode metrics(Metrics metrics) {
        ObjectNode node = object();
        if (metrics instanceof Metrics.Classification c) {
            put(node, "accuracy", c.accuracy());
            put(node, "macro_precision", c.macroPrecision());
            put(node, "macro_recall", c.macroRecall());
            put(node, "macro_f1", c.macroF1());
            ArrayNode classes = node.putArray("classes");
            for (int i = 0; i < c.precision().length; i++) {
                ObjectNode cls = classes.addObject();
                cls.put("name", i < c.classNames().size() ? c.classNames().get(i) : Integer.toString(i));
                put(cls, "precision", c.precision()[i]);
                put(cls, "recall", c.recall()[i]);
                put(cls, "f1", c.f1()[i]);
            }
            // Rows are the true class, columns the predicted one (as scikit-learn).
            ArrayNode confusion = node.putArray("confusion");
            for (long[] row : c.confusion()) {
                ArrayNode r = confusion.addArray();
                for (long n : row) {
                    r.add(n);
                }
            }
        } else if (metrics instanceof Metrics.Regression g) {
            put(node, "mse", g.mse());
            put(node, "rmse", g.rmse());
            put(node, "mae", g.mae());
            put(node, "r2", g.r2());
            node.put("count", g.count());
        }
        return node;
    }
}
