package io.github.dl4jzoo.data;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled greyscale images held in one ND4J array: {@code pixels} is {@code [n, rows*cols]} float,
 * scaled to [0,1], row-major within an image. Layouts (flat, NCHW, sequence) are views made per
 * batch by {@link ImageIterator}, so the set is stored once. {@code source} names the images file
 * for error messages. (A record with an array component compares by identity; nothing here
 * compares sets.)
 */
public record ImageSet(String source, INDArray pixels, int[] labels, int rows, int cols, int numClasses) {
    private static final int CHUNK_PIXELS = 1 << 16;
    private static final float[] UNIT_SCALE = unitScale();

    public ImageSet {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("rows, cols: expected positive, got " + rows + "x" + cols);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses: expected >= 1, got " + numClasses);
        }
        long[] shape = pixels.shape();
        if (shape.length != 2 || shape[0] != labels.length || shape[1] != (long) rows * cols) {
            throw new IllegalArgumentException("pixels: expected shape [" + labels.length + ", " + rows * cols
                    + "], got " + Arrays.toString(shape));
        }
    }

    /**
     * Pairs images with labels, checking that the counts agree and every label is a class, and
     * scales pixels to [0,1] in bulk: a table lookup per byte into a float chunk, copied straight
     * into the array's native buffer (no per-pixel boxing, no second full-size Java array).
     */
    public static ImageSet of(Idx.Images images, Idx.Labels labels, int numClasses) {
        if (labels.count() != images.count()) {
            throw DataException.at(
                    labels.name(),
                    "offset 4: expected " + images.count() + " labels to match " + images.name() + " (" + images.count()
                            + " images), got " + labels.count());
        }
        int[] classes = new int[labels.count()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = labels.labels()[i] & 0xff;
            if (classes[i] >= numClasses) {
                throw DataException.at(
                        labels.name(),
                        "offset " + (8 + i) + ": expected a label in 0.." + (numClasses - 1) + ", got " + classes[i]);
            }
        }
        long values = (long) images.count() * images.rows() * images.cols();
        if (values * Float.BYTES > Integer.MAX_VALUE) {
            throw DataException.at(images.name(), "expected at most 512M pixels in one set, got " + values);
        }
        INDArray pixels =
                Nd4j.createUninitialized(DataType.FLOAT, images.count(), (long) images.rows() * images.cols());
        FloatBuffer target =
                pixels.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        byte[] source = images.pixels();
        float[] chunk = new float[CHUNK_PIXELS];
        for (int done = 0; done < source.length; ) {
            int m = Math.min(chunk.length, source.length - done);
            for (int i = 0; i < m; i++) {
                chunk[i] = UNIT_SCALE[source[done + i] & 0xff];
            }
            target.put(chunk, 0, m);
            done += m;
        }
        return new ImageSet(images.name(), pixels, classes, images.rows(), images.cols(), numClasses);
    }

    public int size() {
        return labels.length;
    }

    public int pixelsPerImage() {
        return rows * cols;
    }

    /** The images at {@code indices}, in that order (a copy). */
    public ImageSet select(int[] indices) {
        int[] picked = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = labels[indices[i]];
        }
        INDArray rowsCopy = indices.length == 0
                ? Nd4j.create(DataType.FLOAT, 0, pixelsPerImage())
                : Nd4j.pullRows(pixels, 1, indices, 'c');
        return new ImageSet(source, rowsCopy, picked, rows, cols, numClasses);
    }

    /** A train/validation pair: {@code validation} holds {@code round(n * fraction)} images. */
    public record Split(ImageSet train, ImageSet validation) {}

    /**
     * A seeded random split. The validation images are drawn once from a permutation of the whole
     * set (seed-derived), and both parts keep the file order, so the split does not depend on how
     * many epochs have run or on the shuffle seed of the training iterator.
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction: expected in [0, 1), got " + validationFraction);
        }
        int nValidation = (int) Math.round(size() * validationFraction);
        if (nValidation == 0) {
            return new Split(this, select(new int[0])); // no copy of a set that stays whole
        }
        int[] permutation = Seeds.permutation(size(), Seeds.derive(seed, Seeds.SPLIT));
        int[] validation = Arrays.copyOfRange(permutation, 0, nValidation);
        int[] train = Arrays.copyOfRange(permutation, nValidation, size());
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(select(train), select(validation));
    }

    /** How many images of each class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static float[] unitScale() {
        float[] table = new float[256];
        for (int i = 0; i < table.length; i++) {
            table[i] = i / 255f; // same rounding as numpy's uint8 -> float32 / 255
        }
        return table;
    }
}
