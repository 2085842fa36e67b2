package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * A model zip as the zoo writes it: DL4J's {@link ModelSerializer} format, the normaliser that turns raw input
 * into what the network reads ({@code ModelSerializer.addNormalizerToModel}), and what a program needs to feed
 * it, as extra entries ({@code ModelSerializer.addObjectToFile}): the resolved recipe, the class names, one
 * example's input shape and a sentence saying what the raw input is. A program with DL4J alone reads all of
 * it: {@code restoreMultiLayerNetwork}, {@code restoreNormalizerFromFile}, {@code getObjectFromFile}.
 */
public final class ModelZip {
    /** The resolved recipe, YAML ({@code String}). */
    public static final String RECIPE = "dl4jzoo.recipe";
    /** Class names in output order ({@code String[]}); empty for forecasters. */
    public static final String CLASSES = "dl4jzoo.classes";
    /** One example's shape without the batch axis ({@code long[]}), e.g. {1, 28, 28}. */
    public static final String INPUT_SHAPE = "dl4jzoo.inputShape";
    /** What the raw input is and how to apply the model ({@code String}). */
    public static final String INPUT = "dl4jzoo.input";

    private ModelZip() {}

    /** Writes the zip through a temporary file; the updater state is only worth keeping to train on. */
    public static void write(
            MultiLayerNetwork net,
            boolean withUpdater,
            Optional<DataNormalization> normaliser,
            Optional<String> recipeYaml,
            Recipe recipe,
            List<String> classes,
            Path zip) {
        RunFolder.write(zip, tmp -> {
            ModelSerializer.writeModel(net, tmp.toFile(), withUpdater);
            if (normaliser.isPresent()) {
                ModelSerializer.addNormalizerToModel(tmp.toFile(), normaliser.get());
            }
            if (recipeYaml.isPresent()) {
                ModelSerializer.addObjectToFile(tmp.toFile(), RECIPE, recipeYaml.get());
            }
            ModelSerializer.addObjectToFile(tmp.toFile(), CLASSES, classes.toArray(String[]::new));
            ModelSerializer.addObjectToFile(tmp.toFile(), INPUT_SHAPE, inputShape(recipe.input()));
            ModelSerializer.addObjectToFile(tmp.toFile(), INPUT, describeInput(recipe));
        });
    }

    /** The recipe YAML kept in a zip, if the zoo wrote one there (older zips kept it beside the zip only). */
    public static Optional<String> recipe(Path zip) throws IOException {
        if (!ModelSerializer.listObjectsInFile(zip.toFile()).contains(RECIPE)) {
            return Optional.empty();
        }
        return Optional.of(ModelSerializer.getObjectFromFile(zip.toFile(), RECIPE));
    }

    static List<String> classes(Path zip) {
        String[] names = ModelSerializer.getObjectFromFile(zip.toFile(), CLASSES);
        return List.of(names);
    }

    /** One example's shape as the network reads it: [channels, height, width], [features, steps] or [features]. */
    public static long[] inputShape(Recipe.Input in) {
        if (in instanceof Recipe.Input.Image i) {
            return new long[] {i.channels(), i.height(), i.width()};
        }
        if (in instanceof Recipe.Input.Sequence s) {
            return new long[] {s.features(), s.steps()};
        }
        return new long[] {in.size()};
    }

    public static String describeInput(Recipe recipe) {
        String shape = Arrays.toString(inputShape(recipe.input()));
        Recipe.Window w = recipe.data().window();
        if (w != null) {
            return "the last " + w.steps() + " values of " + w.features() + " in time order, shaped " + shape
                    + " per example (features, then steps); normaliser.transform, net.output, then"
                    + " normaliser.revertLabels gives " + w.target() + " " + w.horizon()
                    + " step(s) ahead in its own units";
        }
        if (recipe.dataset().equals("xor") || recipe.dataset().equals("xor-bias")) {
            return "the recipe's " + recipe.input().size() + " inputs as numbers, shaped " + shape;
        }
        return "an image's grey levels 0-255 (light on dark), shaped " + shape + " per example ("
                + (recipe.input() instanceof Recipe.Input.Sequence
                        ? "a row's pixels as features, the rows as steps"
                        : "row by row")
                + "); normaliser.transform, then net.output gives the class probabilities";
    }
}
