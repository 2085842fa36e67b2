import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Fails (exit 1) when a screenshot is blank: a page that rendered has text and plots, so many distinct colours
 * and a fair share of pixels that are not white. Run as a source file: java ScreenshotCheck.java FILE.png
 */
public class ScreenshotCheck {
    static final int MIN_COLOURS = 64;
    static final double MIN_INKED_SHARE = 0.02;

    public static void main(String[] args) throws Exception {
        BufferedImage image = ImageIO.read(new File(args[0]));
        if (image == null) {
            System.err.println("screenshot: " + args[0] + " is not an image");
            System.exit(1);
        }
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    inked++;
                }
            }
        }
        double share = (double) inked / ((long) image.getWidth() * image.getHeight());
        System.out.printf("screenshot: %d colours, %.1f%% not white%n", colours.size(), 100 * share);
        if (colours.size() < MIN_COLOURS || share < MIN_INKED_SHARE) {
            System.exit(1);
        }
    }
}
