import io.github.dl4jzoo.arch.*;
import io.github.dl4jzoo.train.FastUpdaters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import java.lang.management.*;
import java.nio.file.Path;
/** Thread CPU per training iteration of a forecasting recipe on fresh batches (as the zoo's iterator makes them); run it twice, with and without -Dorg.bytedeco.javacpp.maxPhysicalBytes=0. Usage: java -Xmx2g -cp target/zoo.jar src/bench/probes/ForecastIteration.java mlp-forecast 1500 */
public class ForecastIteration {
  public static void main(String[] a) {
    io.github.dl4jzoo.train.Engine.configure();
    String recipe = a[0]; int iters = Integer.parseInt(a[1]);
    Recipe r = Registry.load(Path.of("models")).get(recipe);
    MultiLayerNetwork net = Networks.build(r); FastUpdaters.install(net);
    boolean seq = recipe.startsWith("lstm");
    ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    long c0 = 0, t0 = 0;
    for (int i = 0; i < iters + 200; i++) {
      if (i == 200) { c0 = tm.getCurrentThreadCpuTime(); t0 = System.nanoTime(); }
      // a new batch each iteration, as the zoo's iterator makes them
      INDArray x = seq ? Nd4j.rand(DataType.FLOAT, 32, 1, 12) : Nd4j.rand(DataType.FLOAT, 32, 12);
      INDArray y = Nd4j.rand(DataType.FLOAT, 32, 1);
      net.fit(x, y);
    }
    System.out.printf("RESULT %s maxPhysicalBytes=%d thread_cpu_ms_per_iter=%.3f wall_ms_per_iter=%.3f%n", recipe, org.bytedeco.javacpp.Pointer.maxPhysicalBytes(), (tm.getCurrentThreadCpuTime() - c0) / 1e6 / iters, (System.nanoTime() - t0) / 1e6 / iters);
  }
}
