import io.github.dl4jzoo.bench.PeerRun;
import io.github.dl4jzoo.train.FastUpdaters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import java.lang.management.*;
/** A/B in one process: DL4J's native updater against FastUpdaters on the same peer network, alternating blocks; thread CPU per iteration. Usage: java -Xmx2g -cp target/zoo.jar src/bench/probes/UpdaterAB.java [mlp|lenet|keras|lstm] [iterations=50] */
public class UpdaterAB {
  public static void main(String[] a) {
    io.github.dl4jzoo.train.Engine.configure();
    String model = a.length > 0 ? a[0] : "mlp";
    int iters = a.length > 1 ? Integer.parseInt(a[1]) : 50;
    MultiLayerNetwork[] nets = new MultiLayerNetwork[2];
    for (int k = 0; k < 2; k++) { nets[k] = new MultiLayerNetwork(PeerRun.build(model)); nets[k].init(); }
    System.out.println("fast blocks installed: " + FastUpdaters.install(nets[1]));
    long[] shape = model.equals("mlp") ? new long[]{128, 784} : model.equals("lstm") ? new long[]{128,28,28} : model.equals("lenet") ? new long[]{64,1,28,28} : new long[]{100,1,28,28};
    INDArray x = Nd4j.rand(DataType.FLOAT, shape);
    INDArray y = Nd4j.zeros(DataType.FLOAT, shape[0], 10); for (int i = 0; i < shape[0]; i++) y.putScalar(i, i % 10, 1f);
    ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    double[][] wall = new double[2][], cpu = new double[2][];
    int rounds = 6;
    for (int k = 0; k < 2; k++) { wall[k] = new double[rounds]; cpu[k] = new double[rounds]; }
    for (int r = -1; r < rounds; r++) for (int k = 0; k < 2; k++) {
      long t0 = System.nanoTime(), c0 = tm.getCurrentThreadCpuTime();
      for (int i = 0; i < iters; i++) nets[k].fit(x, y);
      if (r >= 0) { wall[k][r] = (System.nanoTime() - t0) / 1e6 / iters; cpu[k][r] = (tm.getCurrentThreadCpuTime() - c0) / 1e6 / iters; }
    }
    String[] names = {"DL4J native updater", "FastUpdaters"};
    for (int k = 0; k < 2; k++) {
      java.util.Arrays.sort(wall[k]); java.util.Arrays.sort(cpu[k]);
      System.out.printf("%s %s: ms/iter wall median %.2f (min %.2f), thread-cpu median %.2f (min %.2f)%n", model, names[k], wall[k][rounds/2], wall[k][0], cpu[k][rounds/2], cpu[k][0]);
    }
  }
}
