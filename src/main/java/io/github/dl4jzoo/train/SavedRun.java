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
 * A finished run read back: its recipe, its model, the normaliser saved inside the model zip (forecasters) and
 * its class names. Checks that the model is the recipe's network, so a zip from another run is refused.
 */
public record SavedRun(
        RunFolder folder,
        Recipe recipe,
        MultiLayerNetwork net,
        Optional<DataNormalization> normaliser,
        List<String> classNames) {
    public static final String CLASSES = "classes.txt";

    /** From a run folder, or from a model zip whose folder holds the run's recipe. */
    public static SavedRun open(Path runDirOrModel) {
        boolean zip = Files.isRegularFile(runDirOrModel);
        if (!zip && !Files.isDirectory(runDirOrModel)) {
            throw new TrainException(runDirOrModel + ": no such run folder or model file");
        }
        Path dir = zip ? runDirOrModel.toAbsolutePath().getParent() : runDirOrModel;
        RunFolder folder = RunFolder.open(dir);
        Path model = zip ? runDirOrModel : folder.file(RunFolder.MODEL);
        if (!Files.isRegularFile(model)) {
            throw new TrainException(
                    model + ": no model in this run folder (was the run interrupted? zoo train --resume " + dir + ")");
        }
        Recipe recipe = RecipeReader.read(folder.file(RunFolder.RECIPE), List.of());
        MultiLayerNetwork net;
        Optional<DataNormalization> normaliser;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
            FastLstm.install(net);
            normaliser = Optional.ofNullable(ModelSerializer.restoreNormalizerFromFile(model.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new TrainException(model + ": not a DL4J model zip (" + firstLine(e) + ")");
        }
        int layers = Networks.configuration(recipe).getConfs().size();
        if (net.numParams() != recipe.parameterCount() || net.getnLayers() != layers) {
            throw new TrainException(model + ": expected the network of recipe " + recipe.name() + " (" + layers
                    + " layers, " + recipe.parameterCount() + " parameters), got " + net.getnLayers() + " layers, "
                    + net.numParams() + " parameters");
        }
        return new SavedRun(folder, recipe, net, normaliser, classNames(folder, recipe));
    }

    private static List<String> classNames(RunFolder folder, Recipe recipe) {
        Path f = folder.file(CLASSES);
        try {
            if (Files.isRegularFile(f)) {
                return List.copyOf(Files.readAllLines(f));
            }
        } catch (IOException e) {
            throw new TrainException(f + ": cannot read: " + e.getMessage());
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.max(2, recipe.output().units()); i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }
}
