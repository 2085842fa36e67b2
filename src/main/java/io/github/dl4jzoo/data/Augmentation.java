package io.github.dl4jzoo.data;

import java.util.SplittableRandom;

/**
 * Random affine changes to training images, on plain float arrays (no OpenCV): a shift of up to
 * {@code maxShiftFraction} of the width and height, a rotation of up to {@code maxRotationDegrees}
 * either way about the centre, and a horizontal flip half of the time. Sampling is bilinear and
 * the outside is background (0). Off unless asked: {@link #NONE}.
 */
public record Augmentation(double maxShiftFraction, double maxRotationDegrees, boolean horizontalFlip) {
    public static final Augmentation NONE = new Augmentation(0, 0, false);
    private static final double MAX_SHIFT_FRACTION = 0.5;
    private static final double MAX_ROTATION_DEGREES = 180;

    public Augmentation {
        if (!(maxShiftFraction >= 0 && maxShiftFraction <= MAX_SHIFT_FRACTION)) {
            throw new IllegalArgumentException("maxShiftFraction: expected in [0, 0.5], got " + maxShiftFraction);
        }
        if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= MAX_ROTATION_DEGREES)) {
            throw new IllegalArgumentException("maxRotationDegrees: expected in [0, 180], got " + maxRotationDegrees);
        }
    }

    public boolean enabled() {
        return maxShiftFraction > 0 || maxRotationDegrees > 0 || horizontalFlip;
    }

    /**
     * Draws one random transform and writes the changed image to {@code dst}. Always draws the same
     * number of values, so the stream stays in step whatever is switched on.
     */
    void apply(float[] src, int srcOffset, float[] dst, int dstOffset, int rows, int cols, SplittableRandom random) {
        double dx = (random.nextDouble() * 2 - 1) * maxShiftFraction * cols;
        double dy = (random.nextDouble() * 2 - 1) * maxShiftFraction * rows;
        double degrees = (random.nextDouble() * 2 - 1) * maxRotationDegrees;
        boolean flip = random.nextBoolean() && horizontalFlip;
        transform(src, srcOffset, dst, dstOffset, rows, cols, dx, dy, Math.toRadians(degrees), flip);
    }

    /**
     * Output pixel (x, y) takes the source value at the inverse image of (x, y) under
     * flip, then rotate by {@code radians} (clockwise on screen, as y points down), then shift.
     */
    static void transform(
            float[] src,
            int srcOffset,
            float[] dst,
            int dstOffset,
            int rows,
            int cols,
            double dx,
            double dy,
            double radians,
            boolean flip) {
        double cx = (cols - 1) / 2.0;
        double cy = (rows - 1) / 2.0;
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double ux = x - dx - cx;
                double uy = y - dy - cy;
                double sx = cos * ux + sin * uy + cx;
                double sy = -sin * ux + cos * uy + cy;
                if (flip) {
                    sx = cols - 1 - sx;
                }
                dst[dstOffset + y * cols + x] = bilinear(src, srcOffset, rows, cols, sx, sy);
            }
        }
    }

    private static float bilinear(float[] src, int offset, int rows, int cols, double x, double y) {
        // snap values within rounding error of a pixel centre, so whole-pixel moves are exact
        double rx = Math.rint(x);
        double ry = Math.rint(y);
        if (Math.abs(x - rx) < 1e-9) {
            x = rx;
        }
        if (Math.abs(y - ry) < 1e-9) {
            y = ry;
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (float) ((1 - fy)
                        * ((1 - fx) * at(src, offset, rows, cols, x0, y0)
                                + fx * at(src, offset, rows, cols, x0 + 1, y0))
                + fy
                        * ((1 - fx) * at(src, offset, rows, cols, x0, y0 + 1)
                                + fx * at(src, offset, rows, cols, x0 + 1, y0 + 1)));
    }

    private static float at(float[] src, int offset, int rows, int cols, int x, int y) {
        return x < 0 || y < 0 || x >= cols || y >= rows ? 0f : src[offset + y * cols + x];
    }
}
