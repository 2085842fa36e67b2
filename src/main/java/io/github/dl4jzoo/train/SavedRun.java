package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * A trained model read back: its recipe, its network, the normaliser saved inside the zip (raw input to what
 * the network reads) and its class names. A zip the zoo wrote carries its recipe and classes inside
 * ({@link ModelZip}); older zips find them in their run folder. Checks that the model is the recipe's network,
 * so a zip from another run is refused.
 *
 * @param source the run folder or the model zip it was opened from
 */
public record SavedRun(
        Path source,
        Path model,
        Recipe recipe,
        MultiLayerNetwork net,
        Optional<DataNormalization> normaliser,
        List<String> classNames) {
    public static final String CLASSES = "classes.txt";

    /** From a run folder, or from a model zip (which holds its recipe, or whose folder does). */
    public static SavedRun open(Path runDirOrModel) {
        boolean zip = Files.isRegularFile(runDirOrModel);
        if (!zip && !Files.isDirectory(runDirOrModel)) {
            throw new TrainException(runDirOrModel + ": no such run folder or model file");
        }
        Path model = zip ? runDirOrModel : RunFolder.open(runDirOrModel).file(RunFolder.MODEL);
        if (!Files.isRegularFile(model)) {
            throw new TrainException(model + ": no model in this run folder (was the run interrupted? zoo train"
                    + " --resume " + runDirOrModel + ")");
        }
        MultiLayerNetwork net;
        Optional<DataNormalization> normaliser;
        Optional<String> inside;
        try {
            inside = ModelZip.recipe(model);
            net = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
            FastLstm.install(net);
            normaliser = Optional.ofNullable(ModelSerializer.restoreNormalizerFromFile(model.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new TrainException(model + ": not a DL4J model zip (" + firstLine(e) + ")");
        }
        Recipe recipe;
        List<String> classes;
        if (inside.isPresent() && zip) { // a run folder's own recipe.yaml says what its model.zip must be
            recipe = RecipeReader.read(inside.get(), model + "!" + ModelZip.RECIPE, List.of());
            classes = ModelZip.classes(model);
        } else {
            RunFolder folder = RunFolder.open(model.toAbsolutePath().getParent());
            recipe = RecipeReader.read(folder.file(RunFolder.RECIPE), List.of());
            classes = classNames(folder);
        }
        int layers = Networks.configuration(recipe).getConfs().size();
        if (net.numParams() != recipe.parameterCount() || net.getnLayers() != layers) {
            throw new TrainException(model + ": expected the network of recipe " + recipe.name() + " (" + layers
                    + " layers, " + recipe.parameterCount() + " parameters), got " + net.getnLayers() + " layers, "
                    + net.numParams() + " parameters");
        }
        return new SavedRun(runDirOrModel, model, recipe, net, normaliser, orNumbered(classes, recipe));
    }

    private static List<String> classNames(RunFolder folder) {
        Path f = folder.file(CLASSES);
        try {
            return Files.isRegularFile(f) ? List.copyOf(Files.readAllLines(f)) : List.of();
        } catch (IOException e) {
            throw new TrainException(f + ": cannot read: " + e.getMessage());
        }
    }

    private static List<String> orNumbered(List<String> names, Recipe recipe) {
        if (!names.isEmpty() || recipe.task() != Recipe.Task.CLASSIFICATION) {
            return names;
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < Math.max(2, recipe.output().units()); i++) {
            numbered.add(Integer.toString(i));
        }
        return numbered;
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }
}
