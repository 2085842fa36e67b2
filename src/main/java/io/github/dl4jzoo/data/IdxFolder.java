package io.github.dl4jzoo.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A folder holding the four IDX files under their usual names, each gzipped ({@code NAME.gz}) or
 * raw ({@code NAME}). Any set of images in this layout works, whatever their size.
 */
public final class IdxFolder {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final List<String> NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private IdxFolder() {}

    /** The four files in {@code dir}, or a one-line error naming the first one missing. */
    public static ImageData.Files files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw DataException.at(
                    dir.toString(),
                    "expected a folder holding " + TRAIN_IMAGES + ".gz and the other IDX files, not found");
        }
        DataFile[] found = new DataFile[NAMES.size()];
        for (int i = 0; i < found.length; i++) {
            String name = NAMES.get(i);
            found[i] = file(dir, name)
                    .map(DataFile::of)
                    .orElseThrow(() -> DataException.at(
                            dir.toString(), "expected " + name + ".gz (or uncompressed " + name + "), not found"));
        }
        return new ImageData.Files(found[0], found[1], found[2], found[3]);
    }

    /** Whether {@code dir} holds all four files. */
    static boolean complete(Path dir) {
        return NAMES.stream().allMatch(n -> file(dir, n).isPresent());
    }

    /** {@code dir/NAME.gz}, else {@code dir/NAME}; {@code name} may be given with or without .gz. */
    static Optional<Path> file(Path dir, String name) {
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        for (Path p : List.of(dir.resolve(base + ".gz"), dir.resolve(base))) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
