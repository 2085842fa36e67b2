package io.github.dl4jzoo.data;

/**
 * How a batch of examples is shaped for a network family. Images: {@code FLAT [n, rows*cols]} for
 * MLPs, {@code IMAGE [n, 1, rows, cols]} (NCHW) for CNNs, {@code SEQUENCE [n, cols, rows]} for RNNs
 * in DL4J's recurrent layout {@code [batch, features, steps]}: row r of the image is time step r.
 * Time-series windows use {@code SEQUENCE [n, features, steps]} and {@code FLAT [n, features*steps]}.
 */
public enum Layout {
    FLAT,
    IMAGE,
    SEQUENCE
}
