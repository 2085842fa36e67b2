import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.*;
import org.nd4j.linalg.learning.config.Adam;
import java.lang.management.*;
import java.nio.FloatBuffer;
/** Thread CPU of one Adam step on mlp's 235,146 parameters through FastUpdaters, of the Java step loop and of ND4J's divi. Usage: java -Xmx1g -cp target/zoo.jar src/bench/probes/AdamCost.java */
public class AdamCost {
  public static void main(String[] a) throws Exception {
    io.github.dl4jzoo.train.Engine.configure();
    int n = 235146;
    INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
    AdamUpdater u = (AdamUpdater) new Adam(1e-3).instantiate(state, true);
    var c = Class.forName("io.github.dl4jzoo.train.FastUpdaters$FastAdam").getDeclaredConstructor(AdamUpdater.class);
    c.setAccessible(true);
    GradientUpdater<?> f = (GradientUpdater<?>) c.newInstance(u);
    INDArray g = Nd4j.rand(DataType.FLOAT, 1, n), p = Nd4j.rand(DataType.FLOAT, 1, n);
    ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < 8; r++) {
      long c0 = tm.getCurrentThreadCpuTime();
      for (int i = 0; i < 200; i++) f.applyUpdater(g, i, 0);
      long c1 = tm.getCurrentThreadCpuTime();
      FloatBuffer pb = p.data().asNioFloat(), gb = g.data().asNioFloat();
      for (int k = 0; k < 200; k++) for (int i = 0; i < n; i++) pb.put(i, pb.get(i) - gb.get(i));
      long c2 = tm.getCurrentThreadCpuTime();
      for (int k = 0; k < 200; k++) g.divi(128);
      long c3 = tm.getCurrentThreadCpuTime();
      System.out.printf("adam %.3f ms, step loop %.3f ms, divi %.3f ms%n", (c1-c0)/1e6/200, (c2-c1)/1e6/200, (c3-c2)/1e6/200);
    }
  }
}
