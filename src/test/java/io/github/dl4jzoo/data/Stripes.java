package io.github.dl4jzoo.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** A picture folder for tests of {@code images:DIR}, drawn by the test: one sub-folder per class. */
public final class Stripes {
    public static final List<String> CLASSES = List.of("horizontal", "vertical", "wide-horizontal");
    public static final int PER_CLASS = 20;

    private Stripes() {}

    /**
     * Stripes of three kinds at random phases: thin horizontal, thin vertical, wide horizontal. Sizes 24 to 40 px,
     * grey PNG, colour PNG and JPEG mixed, so every picture is resized and some are converted to grey. Returns
     * {@code dir}.
     */
    public static Path draw(Path dir) throws IOException {
        Random random = new Random(5);
        for (int c = 0; c < CLASSES.size(); c++) {
            Path classDir = Files.createDirectories(dir.resolve(CLASSES.get(c)));
            for (int i = 0; i < PER_CLASS; i++) {
                int w = 24 + random.nextInt(17), h = 24 + random.nextInt(17);
                int period = c == 2 ? 12 : 4, phase = random.nextInt(period);
                boolean colour = i % 3 == 1;
                BufferedImage img =
                        new BufferedImage(w, h, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int along = c == 1 ? x : y;
                        boolean on = ((along + phase) % period) < period / 2;
                        int level = on ? 220 : 30;
                        img.setRGB(x, y, colour ? (level << 16) | (level / 2 << 8) | 40 : (level * 0x010101));
                    }
                }
                String format = i % 3 == 2 ? "jpg" : "png";
                ImageIO.write(
                        img,
                        format,
                        classDir.resolve(String.format("%02d.%s", i, format)).toFile());
            }
        }
        return dir;
    }
}
