package io.github.dl4jzoo.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a batch of examples is shaped for a network family. Images: {@code FLAT [n, rows*cols]} for
 * MLPs, {@code IMAGE [n, 1, rows, cols]} (NCHW) for CNNs, {@code SEQUENCE [n, cols, rows]} for RNNs
 * in DL4J's recurrent layout {@code [batch, features, steps]}: row r of the image is time step r.
 * Time-series windows use {@code SEQUENCE [n, features, steps]} and {@code FLAT [n, features*steps]}.
 */
public enum Layout {
    FLAT,
    IMAGE,
    SEQUENCE;

    /** One-channel images in this layout, as a generated project's loader documents them. */
    String imageDoc() {
        return switch (this) {
            case IMAGE -> "NCHW [n, 1, rows, columns]";
            case SEQUENCE -> "[n, columns, rows] (DL4J's recurrent layout): row r is time step r";
            case FLAT -> "[n, rows * columns], the pixels row by row";
        };
    }

    /** One-channel images given flat, {@code [n, rows*cols]} row by row, arranged for this layout. */
    public INDArray arrange(INDArray flat, int rows, int cols) {
        return arrange(flat, 1, rows, cols);
    }

    /**
     * Images given flat, {@code [n, channels*rows*cols]} channel by channel, arranged for this layout. A
     * sequence reads one channel: row r is time step r.
     */
    public INDArray arrange(INDArray flat, int channels, int rows, int cols) {
        long n = flat.size(0);
        if (this == SEQUENCE && channels != 1) {
            throw new IllegalArgumentException("channels: expected 1 for a sequence of image rows, got " + channels);
        }
        return switch (this) {
            case FLAT -> flat;
            case IMAGE -> flat.reshape('c', n, channels, rows, cols);
                // [n, rows, cols] -> [n, cols, rows]: features are a row's pixels, steps are the rows
            case SEQUENCE -> flat.reshape('c', n, rows, cols).permute(0, 2, 1).dup('c');
        };
    }
}
