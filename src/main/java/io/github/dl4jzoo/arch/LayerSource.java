package io.github.dl4jzoo.arch;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * A family's layers as DL4J builder source, for the {@code Network} class {@code zoo init} writes: one
 * {@code .layer(...)} per layer and one call per line. The code may use two constants the class defines:
 * {@value #OUTPUTS} (the output units) and {@value #DROPOUT} (defined when the recipe drops units).
 */
public final class LayerSource {
    /** The constant holding the output layer's width. */
    public static final String OUTPUTS = "OUTPUTS";

    /** The constant holding the recipe's dropout probability. */
    public static final String DROPOUT = "DROPOUT";

    private static final String INDENT = "    ";
    private static final String CHAIN = INDENT.repeat(4);
    private static final String LAYER_CHAIN = INDENT.repeat(6);

    private final Set<String> imports = new TreeSet<>();
    private final StringBuilder text = new StringBuilder();
    private int open;

    /** Opens a layer, e.g. {@code new DenseLayer.Builder()}; a wrapper may leave parentheses open. */
    public LayerSource layer(String opening) {
        text.append(CHAIN).append(".layer(").append(opening).append('\n');
        open = (int) (opening.chars().filter(c -> c == '(').count()
                - opening.chars().filter(c -> c == ')').count());
        return this;
    }

    /** One builder call of the open layer, without the dot: {@code nOut(500)}. */
    public LayerSource call(String call) {
        text.append(LAYER_CHAIN).append('.').append(call).append('\n');
        return this;
    }

    /** Builds the open layer and closes every parenthesis its opening left open. */
    public LayerSource build() {
        text.append(LAYER_CHAIN).append(".build()").append(")".repeat(open + 1)).append('\n');
        open = 0;
        return this;
    }

    /** Imports a class and returns the name to write. The zoo's own classes are copied into the project's package. */
    public String type(Class<?> c) {
        if (!isZoo(c)) {
            imports.add(c.getName().replace('$', '.'));
        }
        return c.getSimpleName();
    }

    /**
     * The DL4J call argument for an activation: {@code Activation.RELU}, or a new instance of the zoo's step class
     * (copied into the project's package).
     */
    public String activation(ActivationFunction a) {
        return a.builtIn()
                .map(b -> type(Activation.class) + "." + b.name())
                .orElseGet(() -> "new " + type(a.create().getClass()) + "()");
    }

    public String weightInit(WeightInit w) {
        return type(WeightInit.class) + "." + w.name();
    }

    /** The argument of {@code dropOut(...)}: DL4J takes the probability of keeping a unit. */
    public String keepProbability() {
        return "1 - " + DROPOUT;
    }

    /** Whether a class is the zoo's own (the project gets a copy in its package rather than an import). */
    public static boolean isZoo(Class<?> c) {
        return c.getPackageName().startsWith("io.github.dl4jzoo.");
    }

    public Set<String> imports() {
        return Collections.unmodifiableSet(imports);
    }

    /** The {@code .layer(...)} lines, indented as calls of the configuration's builder chain. */
    public String text() {
        return text.toString();
    }
}
