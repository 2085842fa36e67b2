package io.github.dl4jzoo.data;

import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.recordreader.ImageRecordReader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pictures sorted into one sub-folder per class, {@code images:DIR} ({@code DIR/cat/1.png}, {@code DIR/dog/a.jpg}):
 * how DL4J users keep their own images. PNG or JPEG, grey or colour, any size: DataVec's {@link ImageRecordReader}
 * (OpenCV underneath) decodes each picture and resizes it to the network's input, in grey when the network reads
 * one channel; {@link ParentPathLabelGenerator} takes the class from the folder. Classes are the sub-folders in
 * name order. The test set is every fifth picture of each class in name order (the 5th, 10th, ...), so it is the
 * same for every recipe and seed; the recipe's validation share is then drawn from the rest. A project
 * {@code zoo init} writes reads the folder the same way and ships the first pictures of each class as its test
 * sample.
 */
public final class ImageFolder implements DataKind {
    static final String NAME = "images";

    /** Every fifth picture of a class, in name order, is a test picture. */
    static final int TEST_EVERY = 5;

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");
    private static final double MAX_PIXEL = 255.0;

    /** Pictures of each class in a project's test sample: every fifth is a test picture, so four of them are. */
    private static final int SAMPLE_PER_CLASS = 20;

    private static final String SAMPLE_DIR = "pictures-tiny";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> pathArgument() {
        return Optional.of("DIR");
    }

    @Override
    public String description() {
        return "a picture folder (one sub-folder per class)";
    }

    /** A scanned folder: its classes, and its pictures split into training and test. */
    public record Folder(Path dir, List<String> classes, List<Path> train, List<Path> test) {
        public List<Path> all() {
            return Stream.concat(train.stream(), test.stream()).toList();
        }
    }

    @Override
    public Splits load(DatasetId id, DataRequest request) {
        Folder f = scan(id.requirePath());
        ImageData data = new ImageData(id.id(), read(f, f.train(), request), read(f, f.test(), request), f.classes());
        return ImagePipeline.splits(
                data, request, f.all().stream().map(DataFile::of).toList());
    }

    /** The class folders and their pictures, checked: one line naming the folder if it is not of this kind. */
    static Folder scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw DataException.at(
                    dir.toString(), "expected a folder with one sub-folder of pictures per class, not found");
        }
        List<Path> classDirs = list(dir).stream().filter(Files::isDirectory).toList();
        if (classDirs.size() < 2) {
            throw DataException.at(
                    dir.toString(),
                    "expected one sub-folder of pictures per class, at least two, found " + classDirs.size()
                            + (classDirs.size() == 1 ? " (" + classDirs.get(0).getFileName() + ")" : ""));
        }
        List<String> classes = new ArrayList<>();
        List<Path> train = new ArrayList<>(), test = new ArrayList<>();
        for (Path classDir : classDirs) {
            List<Path> pictures = list(classDir).stream()
                    .filter(p -> Files.isRegularFile(p) && isPicture(p))
                    .toList();
            if (pictures.isEmpty()) {
                throw DataException.at(
                        classDir.toString(), "expected pictures of this class (.png, .jpg, .jpeg), found none");
            }
            classes.add(classDir.getFileName().toString());
            for (int i = 0; i < pictures.size(); i++) {
                (i % TEST_EVERY == TEST_EVERY - 1 ? test : train).add(pictures.get(i));
            }
        }
        if (test.isEmpty()) {
            throw DataException.at(
                    dir.toString(),
                    "expected at least " + TEST_EVERY + " pictures in some class (every fifth is a test picture), got "
                            + train.size() + " in all");
        }
        return new Folder(dir, classes, train, test);
    }

    /** The pictures, decoded and resized to the request's size through DataVec, labelled by their folder. */
    private static ImageSet read(Folder f, List<Path> pictures, DataRequest r) {
        ImageRecordReader reader =
                new ImageRecordReader(r.rows(), r.cols(), r.channels(), new ParentPathLabelGenerator());
        try {
            reader.initialize(
                    new CollectionInputSplit(pictures.stream().map(Path::toUri).toList()));
        } catch (IOException e) {
            throw DataException.at(f.dir().toString(), "cannot read the pictures: " + e.getMessage());
        }
        reader.setLabels(f.classes());
        return ImageSet.read(
                reader,
                f.dir().toString(),
                r.channels(),
                r.rows(),
                r.cols(),
                f.classes().size(),
                pictures.size(),
                e -> unreadable(f.dir(), pictures, e),
                true);
    }

    /** The first picture that does not decode, named; the reader reads in batches and cannot say which. */
    private static DataException unreadable(Path dir, List<Path> pictures, RuntimeException e) {
        NativeImageLoader loader = new NativeImageLoader();
        for (Path p : pictures) {
            String why = undecodable(loader, p);
            if (why != null) {
                return DataException.at(p.toString(), why);
            }
        }
        return DataException.at(dir.toString(), "cannot read the pictures: " + e.getMessage());
    }

    /** Why the picture does not decode, or null if it does. */
    private static String undecodable(NativeImageLoader loader, Path picture) {
        try {
            INDArray x = loader.asMatrix(picture.toFile());
            return x == null || x.length() == 0 ? "expected a PNG or JPEG picture, it does not decode" : null;
        } catch (IOException | RuntimeException e) {
            return "expected a PNG or JPEG picture, it does not decode";
        }
    }

    /** One picture, or the pictures of a folder (name order, at most {@code limit}), as the training data was read. */
    @Override
    public Examples examples(DatasetId id, Path input, DataRequest r, boolean invert, int limit) {
        List<Path> pictures = Files.isDirectory(input)
                ? list(input).stream()
                        .filter(p -> Files.isRegularFile(p) && isPicture(p))
                        .limit(limit)
                        .toList()
                : List.of(input);
        if (pictures.isEmpty()) {
            throw DataException.at(input.toString(), "expected pictures (.png, .jpg, .jpeg), found none");
        }
        NativeImageLoader loader = new NativeImageLoader(r.rows(), r.cols(), r.channels());
        INDArray flat = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, pictures.size(), r.features());
        for (int i = 0; i < pictures.size(); i++) {
            Path p = pictures.get(i);
            if (!Files.isRegularFile(p)) {
                throw DataException.at(p.toString(), "expected a picture file, not found");
            }
            String why = undecodable(new NativeImageLoader(), p);
            if (why != null) {
                throw DataException.at(p.toString(), why);
            }
            try {
                INDArray picture = loader.asMatrix(p.toFile()).dup('c'); // the loader's array can be a view
                flat.getRow(i).assign(picture.reshape('c', 1, r.features()));
            } catch (IOException e) {
                throw DataException.at(p.toString(), "cannot read: " + e.getMessage());
            }
        }
        flat.divi(MAX_PIXEL);
        if (invert) {
            flat.rsubi(1);
        }
        List<String> names =
                pictures.stream().map(p -> p.getFileName().toString()).toList();
        return new Examples(names, r.layout().arrange(flat, r.channels(), r.rows(), r.cols()));
    }

    /** Counts the classes and pictures and decodes every picture once (there is no checksum to compare). */
    @Override
    public DatasetStatus status(DatasetId id, Locator locator) {
        Folder f = scan(id.requirePath());
        NativeImageLoader loader = new NativeImageLoader();
        for (Path p : f.all()) {
            String why = undecodable(loader, p);
            if (why != null) {
                throw DataException.at(p.toString(), why);
            }
        }
        return new DatasetStatus(
                id.id(),
                "picture folder",
                Where.PATH,
                f.dir().toString(),
                Datasets.sizeOf(f.dir()),
                Verification.NO_CHECKSUM,
                "structure checked: " + f.train().size() + " + " + f.test().size() + " pictures in "
                        + f.classes().size() + " classes (" + String.join(", ", f.classes())
                        + "), every picture decodes; no published checksum");
    }

    private static boolean isPicture(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The entries of a folder in name order, hidden ones left out. */
    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw DataException.at(dir.toString(), "cannot list: " + e.getMessage());
        }
    }

    @Override
    public boolean scaffolds(DatasetId id) {
        return true;
    }

    @Override
    public String misfit(ProjectSpec spec) {
        Folder folder = scan(spec.dataset().requirePath());
        DataRequest in = spec.input();
        if (in.layout() == Layout.IMAGE && in.channels() != 1 && in.channels() != 3) {
            return "input.channels: expected 1 (grey) or 3 (colour) for pictures, got " + in.channels();
        }
        if (in.rows() * in.cols() * in.channels() != in.features()) {
            return "input: expected {channels, height, width}, {steps, features} or a square number of features"
                    + " for pictures, got " + in.features() + " features";
        }
        int classes = folder.classes().size();
        return spec.outputs() != classes
                ? "output.units: expected " + classes + ", one per class folder of " + folder.dir() + " ("
                        + String.join(", ", folder.classes()) + ")"
                : null;
    }

    @Override
    public ProjectPart project(ProjectSpec spec, Map<String, String> tokens, DataSources sources) {
        Folder folder = scan(spec.dataset().requirePath());
        DataRequest in = spec.input();
        String dir = folder.dir().toString();
        tokens.put("DATASET", "the pictures in " + dir);
        tokens.put("DEFAULT_DATA_DOC", "The recipe's picture folder.");
        tokens.put("DEFAULT_DATA", dir);
        tokens.put(
                "LAYOUT_DOC",
                in.layout() == Layout.IMAGE
                        ? "NCHW [n, channels, rows, columns]"
                        : in.layout().imageDoc());
        tokens.put("CHANNELS", String.valueOf(in.channels()));
        tokens.put("ROWS", String.valueOf(in.rows()));
        tokens.put("COLUMNS", String.valueOf(in.cols()));
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
            train += pictures.size() - pictures.size() / TEST_EVERY;
            notes.put(sample + c + "/", pictures.size() + " pictures of class " + c);
        }
        tokens.put("TRAIN_COUNT", String.valueOf(train));
        tokens.put(
                "SAMPLE_DOC",
                "The first " + SAMPLE_PER_CLASS + " pictures (at most) of each class of " + dir
                        + ", every fifth a test picture.");
        String what = in.cols() + "x" + in.rows() + (in.channels() == 1 ? " grey" : " colour");
        return new ProjectPart(
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
                        + spec.epochs() + ". Main prints the loss per epoch, then accuracy, precision, recall, F1"
                        + " and the confusion matrix on the test pictures, and saves the network to `target/"
                        + spec.recipe() + ".zip`.",
                "| `PictureFolder.java`, `Layout.java` | the picture reader (DataVec's ImageRecordReader, classes"
                        + " from the folder names, pixels scaled to [0, 1]) and batches shaped for the network |\n",
                "| `src/test/resources/" + SAMPLE_DIR + "/` | the test sample, copied from " + dir + " |\n",
                "");
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw DataException.at(p.toString(), "cannot read: " + e.getMessage());
        }
    }
}
