package io.github.dl4jzoo.init;

import io.github.dl4jzoo.arch.ActivationStep;
import io.github.dl4jzoo.arch.LayerSource;
import io.github.dl4jzoo.arch.Recipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * A recipe as readable DL4J builder code: the {@code Network} class of a project written by {@code zoo init}.
 * One call per line, one layer per {@code .layer(...)}, every layer named, {@code setInputType} for nIn, and
 * every hyper-parameter a named constant.
 *
 * <p>The common settings are written here, mirroring {@code Networks.configuration} call for call; the layers
 * are written by the recipe's family ({@link io.github.dl4jzoo.arch.Arch#source}), so the code builds the
 * configuration {@code Networks.configuration(recipe)} builds: {@code NetworkSourceTest} compiles it for every
 * recipe and compares the JSON. Settings the zoo passes at their DL4J defaults (float precision, workspaces enabled, zero
 * penalties, no clipping) are left out to keep the code short; the JSON test proves they change nothing.
 */
public final class NetworkSource {
    /** The generated class's simple name. */
    public static final String CLASS_NAME = "Network";

    private static final String INDENT = "    ";
    private static final String CHAIN = INDENT.repeat(4);

    private final Recipe recipe;
    private final Set<String> imports = new TreeSet<>();
    private final StringBuilder constants = new StringBuilder();
    private final List<String> locals = new ArrayList<>();
    private final StringBuilder chain = new StringBuilder();

    private NetworkSource(Recipe recipe) {
        this.recipe = recipe;
    }

    /** The source of {@code javaPackage.Network} for a recipe read from {@code recipeFile} (for the javadoc). */
    public static String render(Recipe recipe, String javaPackage, String recipeFile) {
        return new NetworkSource(recipe).source(javaPackage, recipeFile);
    }

    /**
     * The network's source files, by file name: {@code Network.java}, and a copy in {@code javaPackage} of each
     * class of the zoo the network uses (the multiclass hinge loss, which DL4J lacks), so the project stands alone.
     */
    public static Map<String, String> files(Recipe recipe, String javaPackage, String recipeFile) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CLASS_NAME + ".java", render(recipe, javaPackage, recipeFile));
        for (Class<?> c : zooClasses(recipe)) {
            files.put(
                    c.getSimpleName() + ".java",
                    Templates.render(c.getSimpleName() + ".java", Map.of("PACKAGE", javaPackage)));
        }
        return files;
    }

    /** The zoo's own classes the configuration refers to; in the project they live in its package. */
    public static List<Class<?>> zooClasses(Recipe recipe) {
        List<Class<?>> classes = new ArrayList<>();
        Class<?> loss = recipe.output().loss().create().getClass();
        if (LayerSource.isZoo(loss)) {
            classes.add(loss);
        }
        if (recipe.usesStep()) {
            classes.add(ActivationStep.class);
        }
        return List.copyOf(classes);
    }

    private String source(String javaPackage, String recipeFile) {
        settings();
        constant("Examples per gradient step.", "int", "BATCH_SIZE", String.valueOf(recipe.batchSize()));
        constant("Passes over the training set in Main.", "int", "EPOCHS", String.valueOf(recipe.epochs()));
        String inputType = inputType();
        Recipe.Output out = recipe.output();
        constant(
                recipe.task() == Recipe.Task.CLASSIFICATION && out.units() > 1
                        ? "Classes: one output unit each."
                        : "Output units.",
                "int",
                LayerSource.OUTPUTS,
                String.valueOf(out.units()));
        layers();
        chain.append(CHAIN).append(".setInputType(").append(inputType).append(")\n");
        chain.append(CHAIN).append(".build();\n");

        imports.add("org.deeplearning4j.nn.conf.MultiLayerConfiguration");
        imports.add("org.deeplearning4j.nn.conf.NeuralNetConfiguration");
        imports.add("org.deeplearning4j.nn.multilayer.MultiLayerNetwork");
        StringBuilder s = new StringBuilder();
        s.append("package ").append(javaPackage).append(";\n\n");
        imports.forEach(i -> s.append("import ").append(i).append(";\n"));
        s.append("\n/**\n");
        Text.wrap("The network of recipe " + recipe.name() + " (" + recipeFile + "): " + recipe.description(), 100)
                .forEach(line -> s.append(" * ").append(Text.javadoc(line)).append('\n'));
        s.append(
                """
                 *
                 * <p>Written by {@code zoo init} (dl4j-zoo) as plain DL4J builder code, with no dependency on the zoo: its
                 * configuration JSON is the zoo's for this recipe. It is yours now: change it freely, NetworkTest checks
                 * that it still builds and learns.
                 */
                public final class Network {
                """);
        s.append(constants);
        s.append(
                """

                    private Network() {}

                    /** The configuration: common settings, then one layer per line, then the input type (nIn is inferred). */
                    public static MultiLayerConfiguration configuration() {
                """);
        locals.forEach(l -> s.append(INDENT.repeat(2)).append(l).append('\n'));
        s.append(INDENT.repeat(2)).append("return new NeuralNetConfiguration.Builder()\n");
        s.append(chain);
        s.append(
                """
                    }

                    /** A network with freshly initialised parameters (seeded by SEED). */
                    public static MultiLayerNetwork build() {
                        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
                        net.init();
                        return net;
                    }
                }
                """);
        return s.toString();
    }

    /** The settings every layer shares, as {@code Networks.configuration} sets them. */
    private void settings() {
        constant(
                "Seeds the weight initialisation (and the order of training examples in Main).",
                "long",
                "SEED",
                seed());
        call(CHAIN, "seed(SEED)");
        call(CHAIN, "weightInit(" + weightInit(recipe.weightInit()) + ")");
        call(CHAIN, "updater(" + updater() + ")");
        Recipe.Regularization reg = recipe.regularization();
        if (reg.l1() > 0) {
            constant("L1 penalty on the weights (biases are not penalised).", "double", "L1", number(reg.l1()));
            call(CHAIN, "l1(L1)");
        }
        if (reg.l2() > 0) {
            constant("L2 penalty on the weights (biases are not penalised).", "double", "L2", number(reg.l2()));
            call(CHAIN, "l2(L2)");
        }
        if (reg.dropout() > 0) {
            constant(
                    "Probability of dropping a unit (DL4J's dropOut takes the probability of keeping it: 1 - DROPOUT).",
                    "double",
                    LayerSource.DROPOUT,
                    number(reg.dropout()));
        }
        Recipe.Clipping clip = recipe.clipping();
        if (clip.kind() != GradientNormalization.None) {
            imports.add("org.deeplearning4j.nn.conf.GradientNormalization");
            constant(
                    "Gradient clipping threshold for " + clip.kind() + ".",
                    "double",
                    "CLIP_THRESHOLD",
                    number(clip.threshold()));
            call(
                    CHAIN,
                    "gradientNormalization(GradientNormalization." + clip.kind().name() + ")");
            call(CHAIN, "gradientNormalizationThreshold(CLIP_THRESHOLD)");
        }
        call(CHAIN, "list()");
    }

    private String updater() {
        Recipe.Updater u = recipe.updater();
        String type =
                switch (u.kind()) {
                    case SGD -> "Sgd";
                    case NESTEROVS -> "Nesterovs";
                    case ADAM -> "Adam";
                    case RMSPROP -> "RmsProp";
                    case ADAGRAD -> "AdaGrad";
                };
        imports.add("org.nd4j.linalg.learning.config." + type);
        String lr = "LEARNING_RATE";
        Recipe.Schedule s = u.schedule();
        if (s == null) {
            constant("Step size of " + type + ".", "double", "LEARNING_RATE", number(u.learningRate()));
        } else {
            lr = "learningRate";
            imports.add("org.nd4j.linalg.schedule.ISchedule");
            imports.add("org.nd4j.linalg.schedule.ScheduleType");
            String args;
            switch (s.kind()) {
                case INVERSE -> {
                    constant(
                            "Initial step size of " + type + ", decayed per iteration t as"
                                    + " LEARNING_RATE / (1 + LR_DECAY_GAMMA * t)^LR_DECAY_POWER.",
                            "double",
                            "LEARNING_RATE",
                            number(u.learningRate()));
                    constant(null, "double", "LR_DECAY_GAMMA", number(s.gamma()));
                    constant(null, "double", "LR_DECAY_POWER", number(s.power()));
                    args = "LR_DECAY_GAMMA, LR_DECAY_POWER";
                }
                case EXPONENTIAL -> {
                    constant(
                            "Initial step size of " + type
                                    + ", decayed per iteration t as LEARNING_RATE * LR_DECAY_GAMMA^t.",
                            "double",
                            "LEARNING_RATE",
                            number(u.learningRate()));
                    constant(null, "double", "LR_DECAY_GAMMA", number(s.gamma()));
                    args = "LR_DECAY_GAMMA";
                }
                case STEP -> {
                    constant(
                            "Initial step size of " + type + ", decayed per iteration t as"
                                    + " LEARNING_RATE * LR_DECAY_GAMMA^floor(t / LR_DECAY_STEP_ITERATIONS).",
                            "double",
                            "LEARNING_RATE",
                            number(u.learningRate()));
                    constant(null, "double", "LR_DECAY_GAMMA", number(s.gamma()));
                    constant(null, "int", "LR_DECAY_STEP_ITERATIONS", String.valueOf(s.step()));
                    args = "LR_DECAY_GAMMA, LR_DECAY_STEP_ITERATIONS";
                }
                default -> throw new IllegalStateException(s.kind().toString());
            }
            String schedule =
                    switch (s.kind()) {
                        case INVERSE -> "InverseSchedule";
                        case EXPONENTIAL -> "ExponentialSchedule";
                        case STEP -> "StepSchedule";
                    };
            imports.add("org.nd4j.linalg.schedule." + schedule);
            locals.add("ISchedule learningRate =");
            locals.add(INDENT.repeat(2) + "new " + schedule + "(ScheduleType.ITERATION, LEARNING_RATE, " + args + ");");
        }
        if (u.kind() == Recipe.Updater.Kind.NESTEROVS) {
            constant("Nesterov momentum.", "double", "MOMENTUM", number(u.momentum()));
            return "new Nesterovs(" + lr + ", MOMENTUM)";
        }
        return "new " + type + "(" + lr + ")";
    }

    /** The family's layers, written by the family itself. */
    private void layers() {
        LayerSource out = new LayerSource();
        recipe.arch().source(out, recipe);
        imports.addAll(out.imports());
        chain.append(out.text());
    }

    private String inputType() {
        imports.add("org.deeplearning4j.nn.conf.inputs.InputType");
        Recipe.Input input = recipe.input();
        if (input instanceof Recipe.Input.Image i) {
            constant("Input channels of one example.", "int", "CHANNELS", String.valueOf(i.channels()));
            constant(null, "int", "HEIGHT_PX", String.valueOf(i.height()));
            constant(null, "int", "WIDTH_PX", String.valueOf(i.width()));
            return "InputType.convolutional(HEIGHT_PX, WIDTH_PX, CHANNELS)";
        }
        if (input instanceof Recipe.Input.Sequence q) {
            constant("Time steps of one example, and values per step.", "int", "STEPS", String.valueOf(q.steps()));
            constant(null, "int", "FEATURES", String.valueOf(q.features()));
            return "InputType.recurrent(FEATURES, STEPS)";
        }
        constant("Input values of one example.", "int", "FEATURES", String.valueOf(input.size()));
        return "InputType.feedForward(FEATURES)";
    }

    private void call(String indent, String call) {
        chain.append(indent).append('.').append(call).append('\n');
    }

    private void constant(String doc, String type, String name, String value) {
        if (!constants.isEmpty() && doc != null) {
            constants.append('\n');
        }
        if (doc != null && doc.length() <= 100) {
            constants.append(INDENT).append("/** ").append(Text.javadoc(doc)).append(" */\n");
        } else if (doc != null) {
            constants.append(INDENT).append("/**\n");
            Text.wrap(doc, 100).forEach(line -> constants
                    .append(INDENT)
                    .append(" * ")
                    .append(Text.javadoc(line))
                    .append('\n'));
            constants.append(INDENT).append(" */\n");
        }
        constants
                .append(INDENT)
                .append("public static final ")
                .append(type)
                .append(' ')
                .append(name)
                .append(" = ")
                .append(value)
                .append(";\n");
    }

    private String seed() {
        long seed = recipe.seed();
        return seed > Integer.MAX_VALUE ? seed + "L" : String.valueOf(seed);
    }

    private String weightInit(WeightInit w) {
        imports.add("org.deeplearning4j.nn.weights.WeightInit");
        return "WeightInit." + w.name();
    }

    /** A double as a Java literal that reads back as the same double. */
    private static String number(double d) {
        return Double.toString(d);
    }
}
