import java.io.File;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A plain DL4J program, no zoo classes: loads a zoo model and prints its parameter count and one output row. */
public class PlainLoad {
    public static void main(String[] args) throws Exception {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new File(args[0]));
        INDArray x = Nd4j.linspace(0, 1, 784).reshape(1, 784);
        System.out.println(net.numParams() + " " + java.util.Arrays.toString(net.output(x).toFloatVector()));
    }
}
