package io.github.dl4jzoo.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stratified subset of an IDX dataset: the same number of images of every class, drawn with a
 * seed, kept in their original order, written as deterministic IDX .gz files. This is how the
 * embedded {@code fashion-mnist-sample} was made ({@code zoo data subset}); the same command with
 * the same seed reproduces it byte for byte.
 */
public final class Subset {
    private Subset() {}

    /** One written file: its name, the SHA-256 of its decompressed content and that length. */
    public record FileDigest(String name, String sha256, long contentBytes) {}

    public record Result(Path outDir, List<FileDigest> files, int[] trainPerClass, int[] testPerClass) {}

    /**
     * Reads the four IDX files of {@code fromDir}, picks {@code trainCount / k} training and
     * {@code testCount / k} test images of each of the k classes, and writes them to {@code outDir}.
     */
    public static Result write(Path fromDir, int trainCount, int testCount, long seed, Path outDir) {
        return write(fromDir, trainCount, testCount, seed, outDir, false);
    }

    /** As {@link #write(Path, int, int, long, Path)}; files already in {@code outDir} are replaced only if asked. */
    public static Result write(Path fromDir, int trainCount, int testCount, long seed, Path outDir, boolean overwrite) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw DataException.at(outDir.toString(), "exists and is not a folder; --out expects a folder");
        }
        for (String name :
                List.of(IdxFolder.TRAIN_IMAGES, IdxFolder.TRAIN_LABELS, IdxFolder.TEST_IMAGES, IdxFolder.TEST_LABELS)) {
            Path target = outDir.resolve(name + ".gz");
            if (!overwrite && Files.exists(target)) {
                throw DataException.at(target.toString(), "exists; choose another --out or add --overwrite");
            }
        }
        ImageData.Files files = IdxFolder.files(fromDir);
        Idx.Images trainImages = Idx.readImages(files.trainImages());
        Idx.Labels trainLabels = Idx.readLabels(files.trainLabels());
        Idx.Images testImages = Idx.readImages(files.testImages(), trainImages.rows(), trainImages.cols());
        Idx.Labels testLabels = Idx.readLabels(files.testLabels());
        int classes = 1 + Math.max(maxLabel(trainLabels), maxLabel(testLabels));

        int[] train = pick(trainImages, trainLabels, trainCount, classes, Seeds.derive(seed, Seeds.SUBSET, 0));
        int[] test = pick(testImages, testLabels, testCount, classes, Seeds.derive(seed, Seeds.SUBSET, 1));

        List<FileDigest> digests = new ArrayList<>();
        digests.add(writeImages(outDir.resolve(IdxFolder.TRAIN_IMAGES + ".gz"), trainImages, train));
        digests.add(writeLabels(outDir.resolve(IdxFolder.TRAIN_LABELS + ".gz"), trainLabels, train));
        digests.add(writeImages(outDir.resolve(IdxFolder.TEST_IMAGES + ".gz"), testImages, test));
        digests.add(writeLabels(outDir.resolve(IdxFolder.TEST_LABELS + ".gz"), testLabels, test));
        return new Result(outDir, digests, counts(trainLabels, train, classes), counts(testLabels, test, classes));
    }

    /** {@code count / classes} indices per class, drawn by a seeded shuffle, returned in file order. */
    private static int[] pick(Idx.Images images, Idx.Labels labels, int count, int classes, long seed) {
        if (labels.count() != images.count()) {
            throw DataException.at(
                    labels.name(),
                    "offset 4: expected " + images.count() + " labels to match " + images.name() + ", got "
                            + labels.count());
        }
        if (count <= 0 || count % classes != 0) {
            throw new DataException("subset size " + count + ": expected a positive multiple of the " + classes
                    + " classes (equal images per class)");
        }
        int perClass = count / classes;
        int[] order = Seeds.permutation(labels.count(), seed);
        int[] taken = new int[classes];
        int[] picked = new int[count];
        int n = 0;
        for (int index : order) {
            int label = labels.labels()[index] & 0xff;
            if (taken[label] < perClass) {
                taken[label]++;
                picked[n++] = index;
            }
        }
        for (int c = 0; c < classes; c++) {
            if (taken[c] < perClass) {
                throw DataException.at(
                        labels.name(),
                        "expected at least " + perClass + " images of class " + c + " for the subset, got " + taken[c]);
            }
        }
        Arrays.sort(picked);
        return picked;
    }

    private static FileDigest writeImages(Path out, Idx.Images images, int[] indices) {
        int size = images.rows() * images.cols();
        byte[] pixels = new byte[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(images.pixels(), indices[i] * size, pixels, i * size, size);
        }
        Idx.writeImages(out, images.rows(), images.cols(), pixels);
        return digest(out);
    }

    private static FileDigest writeLabels(Path out, Idx.Labels labels, int[] indices) {
        byte[] picked = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = labels.labels()[indices[i]];
        }
        Idx.writeLabels(out, picked);
        return digest(out);
    }

    private static FileDigest digest(Path file) {
        Checksums.Digest d = Checksums.sha256OfContent(DataFile.of(file));
        return new FileDigest(file.getFileName().toString(), d.hex(), d.bytes());
    }

    private static int[] counts(Idx.Labels labels, int[] indices, int classes) {
        int[] counts = new int[classes];
        for (int i : indices) {
            counts[labels.labels()[i] & 0xff]++;
        }
        return counts;
    }

    private static int maxLabel(Idx.Labels labels) {
        int max = 0;
        for (byte b : labels.labels()) {
            max = Math.max(max, b & 0xff);
        }
        return max;
    }
}
