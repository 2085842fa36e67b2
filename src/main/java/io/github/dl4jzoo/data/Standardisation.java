package io.github.dl4jzoo.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code (x - mean) / std} with one mean and one std for all pixels, fitted on the training split
 * only (fitting on validation or test images would leak them into training). One scalar pair, as
 * torchvision's {@code Normalize((0.2860,), (0.3530,))} for Fashion-MNIST, rather than per-pixel
 * statistics: border pixels are almost always 0, and their near-zero std would blow them up.
 */
public record Standardisation(double mean, double std) {
    /** The identity: pixels stay in [0,1]. */
    public static final Standardisation NONE = new Standardisation(0, 1);

    public Standardisation {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("mean, std: expected finite mean and std > 0, got " + mean + ", " + std);
        }
    }

    /** Grey levels of an 8-bit image: what a picture or an IDX file holds before scaling. */
    public static final double MAX_GREY_LEVEL = 255;

    /**
     * This scaling as a DL4J normaliser that reads raw grey levels (0-255) in the network's layout, so it can
     * be saved inside the model zip and applied by any DL4J program: pixels to [0, 1] (DL4J's
     * {@link ImagePreProcessingScaler}), or, when standardising, {@code (x/255 - mean)/std} folded into one
     * {@link NormalizerStandardize} of {@code (x - 255 mean)/(255 std)}. ND4J standardises along dimension 1:
     * a flat vector's columns, an image's channel, a sequence's features; each gets the same scalar pair.
     */
    public DataNormalization normaliser(Layout layout, int channels, int rows, int cols) {
        if (identity()) {
            return new ImagePreProcessingScaler(0, 1);
        }
        long width =
                switch (layout) {
                    case FLAT -> (long) channels * rows * cols;
                    case IMAGE -> channels;
                    case SEQUENCE -> cols;
                };
        return new NormalizerStandardize(
                Nd4j.valueArrayOf(new long[] {width}, mean * MAX_GREY_LEVEL, DataType.FLOAT),
                Nd4j.valueArrayOf(new long[] {width}, std * MAX_GREY_LEVEL, DataType.FLOAT));
    }

    /** Mean and population std of every pixel of {@code train}. */
    public static Standardisation fit(ImageSet train) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("train: expected at least one image to fit on");
        }
        INDArray p = train.pixels();
        double mean = p.meanNumber().doubleValue();
        double std = p.stdNumber(false).doubleValue();
        return new Standardisation(mean, std > 0 ? std : 1);
    }

    /** Applies in place to a batch of pixel values and returns it. */
    INDArray applyInPlace(INDArray batch) {
        return identity() ? batch : batch.subi(mean).divi(std);
    }

    /**
     * Whether this is {@link #NONE}. Compared by hand: a record's generated {@code equals} is bootstrapped on
     * its first call, which cost the first training batch about 20 ms.
     */
    private boolean identity() {
        return mean == NONE.mean && std == NONE.std;
    }
}
