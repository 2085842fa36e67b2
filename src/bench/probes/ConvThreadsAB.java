import io.github.dl4jzoo.arch.*;
import io.github.dl4jzoo.train.FastDense;
import io.github.dl4jzoo.train.FastUpdaters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import java.lang.management.*;
import java.nio.file.Path;
/**
 * A/B in one process: the fast conv step with -Ddl4jzoo.convThreads=1 against 2 (the property is read on every split,
 * so one network alternates between them), alternating blocks; wall ms per iteration and process CPU ms per iteration
 * (both threads), median and min over the rounds; the 1-minute load average per round.
 * Usage: java -Xmx2g -cp target/zoo.jar src/bench/probes/ConvThreadsAB.java [lenet5|seed-cnn] [iterations=40] [rounds=6]
 */
public class ConvThreadsAB {
  static String load() { try { return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]; } catch (Exception e) { return "?"; } }
  public static void main(String[] a) {
    io.github.dl4jzoo.train.Engine.configure();
    String recipe = a.length > 0 ? a[0] : "lenet5";
    int iters = a.length > 1 ? Integer.parseInt(a[1]) : 40, rounds = a.length > 2 ? Integer.parseInt(a[2]) : 6;
    Recipe r = Registry.load(Path.of("models")).get(recipe);
    MultiLayerNetwork net = Networks.build(r);
    FastUpdaters.install(net);
    FastDense fast = FastDense.of(net);
    Recipe.Input.Image im = (Recipe.Input.Image) r.input();
    int b = r.batchSize(), out = (int) net.layerSize(net.getnLayers() - 1);
    INDArray[] xs = new INDArray[16], ys = new INDArray[16];
    Nd4j.getRandom().setSeed(1);
    for (int i = 0; i < xs.length; i++) {
      xs[i] = Nd4j.rand(DataType.FLOAT, b, im.channels(), im.height(), im.width());
      ys[i] = Nd4j.zeros(DataType.FLOAT, b, out);
      for (int j = 0; j < b; j++) ys[i].putScalar(j, (i + j) % out, 1f);
    }
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[][] wall = new double[2][rounds], cpu = new double[2][rounds];
    for (int k = -1; k < rounds; k++) for (int v = 0; v < 2; v++) {
      System.setProperty("dl4jzoo.convThreads", v == 0 ? "1" : "2");
      long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
      for (int i = 0; i < iters; i++) fast.fit(xs[i % 16], ys[i % 16]);
      long t1 = System.nanoTime(), c1 = os.getProcessCpuTime();
      if (k >= 0) { wall[v][k] = (t1 - t0) / 1e6 / iters; cpu[v][k] = (c1 - c0) / 1e6 / iters; }
      System.out.printf("round %d threads %d: wall %.2f ms/iter, cpu %.2f ms/iter, load %s%n", k, v + 1, (t1 - t0) / 1e6 / iters, (c1 - c0) / 1e6 / iters, load());
    }
    for (int v = 0; v < 2; v++) {
      java.util.Arrays.sort(wall[v]); java.util.Arrays.sort(cpu[v]);
      System.out.printf("RESULT %s convThreads=%d: wall ms/iter median %.2f (min %.2f) = %.0f samples/s; process cpu ms/iter median %.2f%n",
          recipe, v + 1, wall[v][rounds / 2], wall[v][0], b * 1000 / wall[v][rounds / 2], cpu[v][rounds / 2]);
    }
  }
}
