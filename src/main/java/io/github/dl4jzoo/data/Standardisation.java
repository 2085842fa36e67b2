package io.github.dl4jzoo.data;

import org.nd4j.linalg.api.ndarray.INDArray;

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
        return equals(NONE) ? batch : batch.subi(mean).divi(std);
    }
}
