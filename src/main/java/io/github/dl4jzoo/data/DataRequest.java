package io.github.dl4jzoo.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a run asks of its data, in the data layer's words (a recipe, read by the layer above, says all of it):
 * where to look first, the shape one example must have, and how to split, scale, augment and batch.
 *
 * @param dataFlag the folder or file named on the command line ({@code --data}), looked at before anything else
 * @param layout how a batch is shaped for the network's family
 * @param channels image channels the network reads (1 for flat and sequence inputs)
 * @param rows image rows (a sequence's steps)
 * @param cols image columns (a sequence's features per step)
 * @param features inputs per example, all of them ({@code channels * rows * cols} for images)
 * @param window the windows over a series, for forecasters; empty for everything else
 * @param testRows rows at the end of a series that form the test period
 * @param validation the share of the training examples held out for validation, in [0, 1)
 */
public record DataRequest(
        Optional<Path> dataFlag,
        Layout layout,
        int channels,
        int rows,
        int cols,
        int features,
        Optional<SeriesSpec> window,
        int testRows,
        int batchSize,
        long seed,
        double validation,
        boolean standardise,
        Augmentation augmentation) {
    public DataRequest {
        if (channels < 1 || rows < 1 || cols < 1 || features < 1) {
            throw new IllegalArgumentException("channels, rows, cols, features: expected >= 1, got " + channels + ", "
                    + rows + ", " + cols + ", " + features);
        }
    }

    /** The folder or file the user named with {@code --data}, else the places of this machine. */
    public Locator locator() {
        return Locator.defaults(dataFlag);
    }
}
