import io.github.dl4jzoo.bench.PeerRun;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
/**
 * The initial parameters of the PyTorch peer's 'lstm' network as the zoo builds it (lstm-rows): shape, mean and
 * standard deviation of each parameter, and the mean of each of the LSTM bias's four gate blocks (DL4J's order:
 * block input, forget, output, input modulation), to set beside pytorch_peer.py's init_like_dl4j. Usage:
 * java -cp target/zoo.jar src/bench/probes/LstmInitScale.java   (-Dpeer.seed=N for another seed)
 */
public class LstmInitScale {
  public static void main(String[] a) {
    MultiLayerNetwork net = new MultiLayerNetwork(PeerRun.build("lstm"));
    net.init();
    net.paramTable().forEach((k, v) -> System.out.printf("%s %s mean=%.4f std=%.4f%n",
        k, java.util.Arrays.toString(v.shape()), v.meanNumber().doubleValue(), v.stdNumber().doubleValue()));
    INDArray b = net.getParam("0_b");
    System.out.println("LSTM bias, mean of each gate block: " + b.reshape(4, b.length() / 4).mean(1));
  }
}
