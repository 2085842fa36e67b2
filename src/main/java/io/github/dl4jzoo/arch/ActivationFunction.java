package io.github.dl4jzoo.arch;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

/**
 * An activation function as a recipe names it: one of DL4J's {@link Activation}s by its name in lower case
 * ({@code relu}, {@code sigmoid}, ...), or {@code step}, the zoo's {@link ActivationStep}, which DL4J lacks.
 */
public record ActivationFunction(String id) {
    private static final String STEP_ID = "step";
    public static final ActivationFunction STEP = new ActivationFunction(STEP_ID);

    /** Every name a recipe may use, for the reader's error message. */
    static final Map<String, ActivationFunction> ALL = all();

    public ActivationFunction {
        if (!id.equals(STEP_ID) && builtIn(id).isEmpty()) {
            throw new RecipeException("activation: unknown '" + id + "'");
        }
    }

    public static ActivationFunction of(Activation a) {
        return new ActivationFunction(a.name().toLowerCase(Locale.ROOT));
    }

    /** DL4J's enum value; empty for {@code step}, which is the zoo's own class. */
    public Optional<Activation> builtIn() {
        return builtIn(id);
    }

    public boolean is(Activation a) {
        return builtIn().orElse(null) == a;
    }

    /** A new instance for one layer (some of DL4J's activations keep state, so layers do not share one). */
    public IActivation create() {
        return builtIn().map(Activation::getActivationFunction).orElseGet(ActivationStep::new);
    }

    @Override
    public String toString() {
        return id;
    }

    private static Optional<Activation> builtIn(String id) {
        for (Activation a : Activation.values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static Map<String, ActivationFunction> all() {
        Map<String, ActivationFunction> m = new LinkedHashMap<>();
        for (Activation a : Activation.values()) {
            m.put(a.name().toLowerCase(Locale.ROOT), of(a));
        }
        m.put(STEP_ID, STEP);
        return Map.copyOf(m);
    }
}
