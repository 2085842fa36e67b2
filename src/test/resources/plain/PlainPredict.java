import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A plain DL4J program, no zoo classes: classifies a greyscale picture with a zoo model zip, using only what
 * the zip holds (the normaliser, the input shape, the class names). Prints one "class probability" per line.
 */
public class PlainPredict {
    public static void main(String[] args) throws Exception {
        File zip = new File(args[0]);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip);
        DataNormalization normaliser = ModelSerializer.restoreNormalizerFromFile(zip);
        long[] shape = ModelSerializer.getObjectFromFile(zip, "dl4jzoo.inputShape");
        String[] classes = ModelSerializer.getObjectFromFile(zip, "dl4jzoo.classes");
        BufferedImage img = ImageIO.read(new File(args[1]));
        float[] levels = new float[img.getWidth() * img.getHeight()];
        for (int r = 0; r < img.getHeight(); r++) {
            for (int c = 0; c < img.getWidth(); c++) {
                int rgb = img.getRGB(c, r);
                levels[r * img.getWidth() + c] = (float) ((((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0);
            }
        }
        long[] batch = new long[shape.length + 1];
        batch[0] = 1;
        System.arraycopy(shape, 0, batch, 1, shape.length);
        INDArray x = Nd4j.create(levels, batch, 'c');
        normaliser.transform(x);
        double[] p = net.output(x).toDoubleVector();
        for (int i = 0; i < p.length; i++) {
            System.out.println(String.format(Locale.ROOT, "%s %.4f", classes[i], p[i]));
        }
    }
}
