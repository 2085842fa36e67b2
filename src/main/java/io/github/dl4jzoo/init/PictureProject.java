package io.github.dl4jzoo.init;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Datasets;
import io.github.dl4jzoo.data.ImageFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Projects on a picture folder, {@code images:DIR} (one sub-folder per class): the project reads it with DataVec's
 * {@code ImageRecordReader} and {@code ParentPathLabelGenerator}, as the zoo does, and ships the first pictures of
 * each class as its test sample.
 */
final class PictureProject implements ProjectData {
    /** Pictures of each class in the test sample: every fifth is a test picture, so four of them are. */
    static final int SAMPLE_PER_CLASS = 20;

    static final String SAMPLE_DIR = "pictures-tiny";

    @Override
    public String kind() {
        return "images";
    }

    @Override
    public String misfit(Recipe recipe) {
        ImageFolder.Folder folder = Datasets.pictures(recipe.dataset());
        Recipe.Input in = recipe.input();
        if (in instanceof Recipe.Input.Image i && i.channels() != 1 && i.channels() != 3) {
            return "input.channels: expected 1 (grey) or 3 (colour) for pictures, got " + i.channels();
        }
        int[] size = in.imageSize();
        if (size[0] * size[1] * in.channels() != in.size()) {
            return "input: expected {channels, height, width}, {steps, features} or a square number of features"
                    + " for pictures, got " + in.size() + " features";
        }
        int classes = folder.classes().size();
        return recipe.output().units() != classes
                ? "output.units: expected " + classes + ", one per class folder of " + folder.dir() + " ("
                        + String.join(", ", folder.classes()) + ")"
                : null;
    }

    @Override
    public Contents contents(Recipe recipe, Map<String, String> tokens, DataSources sources) {
        ImageFolder.Folder folder = Datasets.pictures(recipe.dataset());
        String dir = folder.dir().toString(), layout = tokens.get("LAYOUT");
        int[] size = recipe.input().imageSize();
        int channels = recipe.input().channels();
        tokens.put("DATASET", "the pictures in " + dir);
        tokens.put("DEFAULT_DATA_DOC", "The recipe's picture folder.");
        tokens.put("DEFAULT_DATA", dir);
        tokens.put(
                "LAYOUT_DOC",
                layout.equals("IMAGE") ? "NCHW [n, channels, rows, columns]" : Scaffold.imageLayoutDoc(layout));
        tokens.put("CHANNELS", String.valueOf(channels));
        tokens.put("ROWS", String.valueOf(size[0]));
        tokens.put("COLUMNS", String.valueOf(size[1]));
        tokens.put("SAMPLE_DIR", SAMPLE_DIR);
        String sample = "src/test/resources/" + SAMPLE_DIR + "/";
        Map<String, byte[]> data = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        int train = 0;
        for (String c : folder.classes()) {
            List<Path> pictures = folder.all().stream()
                    .filter(p -> p.getParent().getFileName().toString().equals(c))
                    .sorted()
                    .limit(SAMPLE_PER_CLASS)
                    .toList();
            for (Path p : pictures) {
                data.put(sample + c + "/" + p.getFileName(), read(p));
            }
            train += pictures.size() - pictures.size() / 5;
            notes.put(sample + c + "/", pictures.size() + " pictures of class " + c);
        }
        tokens.put("TRAIN_COUNT", String.valueOf(train));
        tokens.put(
                "SAMPLE_DOC",
                "The first " + SAMPLE_PER_CLASS + " pictures (at most) of each class of " + dir
                        + ", every fifth a test picture.");
        String what = size[1] + "x" + size[0] + (channels == 1 ? " grey" : " colour");
        return new Contents(
                "Picture",
                List.of("Layout.java", "PictureFolder.java"),
                data,
                notes,
                dir,
                "the first " + SAMPLE_PER_CLASS + " pictures of each class in `src/test/resources/" + SAMPLE_DIR + "/`",
                "[DIR] [EPOCHS]",
                "`mvn package` writes one runnable jar with DL4J and this machine's natives inside. DIR is a folder"
                        + " with one sub-folder of pictures (PNG or JPEG) per class, by default `" + dir + "`."
                        + " Every picture is resized to " + what + ", and every fifth picture of each class (in"
                        + " name order) is a test picture, as in the zoo. EPOCHS defaults to the recipe's "
                        + recipe.epochs() + ". Main prints the loss per epoch, then accuracy, precision, recall, F1"
                        + " and the confusion matrix on the test pictures, and saves the network to `target/"
                        + recipe.name() + ".zip`.",
                "| `PictureFolder.java`, `Layout.java` | the picture reader (DataVec's ImageRecordReader, classes"
                        + " from the folder names, pixels scaled to [0, 1]) and batches shaped for the network |\n",
                "| `src/test/resources/" + SAMPLE_DIR + "/` | the test sample, copied from " + dir + " |\n",
                "");
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new InitException(p + ": cannot read: " + e.getMessage());
        }
    }
}
