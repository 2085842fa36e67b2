package io.github.dl4jzoo.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Single pictures (PNG, JPEG, GIF, BMP) as the pixels a network reads, through {@code javax.imageio}. */
public final class Pictures {
    private static final double MAX_GREY = 255.0;

    private Pictures() {}

    /** The picture as grey levels scaled to [0, 1] (see {@link #levels}). */
    public static float[] grey(Path file, int rows, int cols, boolean invert) {
        float[] levels = levels(file, rows, cols, invert);
        for (int i = 0; i < levels.length; i++) {
            levels[i] /= (float) MAX_GREY;
        }
        return levels;
    }

    /**
     * The picture as grey levels 0-255, row by row: what a model zip's normaliser reads. Colour pictures are
     * averaged to grey; {@code invert} turns dark-on-light drawings into the light-on-dark of MNIST-style data.
     */
    public static float[] levels(Path file, int rows, int cols, boolean invert) {
        if (!Files.exists(file)) {
            throw DataException.at(file.toString(), "not found");
        }
        BufferedImage img;
        try {
            img = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
        } catch (IOException e) {
            throw DataException.at(
                    file.toString(), "expected a PNG, JPEG, GIF or BMP picture (" + e.getMessage() + ")");
        }
        if (img == null) {
            throw DataException.at(file.toString(), "expected a PNG, JPEG, GIF or BMP picture");
        }
        if (img.getHeight() != rows || img.getWidth() != cols) {
            throw DataException.at(
                    file.toString(),
                    "expected a " + cols + "x" + rows + " picture (width x height), got " + img.getWidth() + "x"
                            + img.getHeight());
        }
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int rgb = img.getRGB(c, r);
                double grey = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
                out[r * cols + c] = (float) (invert ? MAX_GREY - grey : grey);
            }
        }
        return out;
    }
}
