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
 * A/B in one process: DL4J's fit/output against the FastDense step on a dense recipe's network, alternating blocks,
 * thread CPU ms per iteration (train at the recipe's batch, inference at batch 1000). Both networks start from the
 * same seed and see the same batches. Prints the median and min over the rounds, and the two scores at the end.
 * Conv recipes (lenet5, seed-cnn) get random images [b, c, h, w]; the 1-minute load average is printed per round.
 * Usage: java -Xmx2g -cp target/zoo.jar src/bench/probes/DenseAB.java [mlp|mlp-forecast|linear-softmax|lenet5|seed-cnn] [iterations=100] [rounds=6]
 */
public class DenseAB {
  static String load() { try { return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]; } catch (Exception e) { return "?"; } }
  public static void main(String[] a) {
    io.github.dl4jzoo.train.Engine.configure();
    String recipe = a.length > 0 ? a[0] : "mlp";
    int iters = a.length > 1 ? Integer.parseInt(a[1]) : 100, rounds = a.length > 2 ? Integer.parseInt(a[2]) : 6;
    Recipe r = Registry.load(Path.of("models")).get(recipe);
    MultiLayerNetwork[] nets = {Networks.build(r), Networks.build(r)};
    for (MultiLayerNetwork n : nets) FastUpdaters.install(n);
    FastDense fast = FastDense.of(nets[1]);
    System.out.println("fast dense active: " + fast.active() + " " + FastDense.unsupported(nets[1]));
    long[] shape = r.input() instanceof Recipe.Input.Image im
        ? new long[] {r.batchSize(), im.channels(), im.height(), im.width()} : new long[] {r.batchSize(), nets[0].layerInputSize(0)};
    long[] bigShape = shape.clone(); bigShape[0] = 1000;
    int out = (int) nets[0].layerSize(nets[0].getnLayers() - 1), b = r.batchSize();
    INDArray[] xs = new INDArray[16], ys = new INDArray[16];
    Nd4j.getRandom().setSeed(1);
    for (int i = 0; i < xs.length; i++) {
      xs[i] = Nd4j.rand(DataType.FLOAT, shape);
      ys[i] = Nd4j.zeros(DataType.FLOAT, b, out);
      for (int j = 0; j < b; j++) ys[i].putScalar(j, out == 1 ? 0 : (i + j) % out, out == 1 ? j % 7 / 7f : 1f);
    }
    INDArray big = Nd4j.rand(DataType.FLOAT, bigShape);
    ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    double[][] train = new double[2][rounds], infer = new double[2][rounds];
    for (int k = -1; k < rounds; k++) for (int v = 0; v < 2; v++) {
      long c0 = tm.getCurrentThreadCpuTime();
      for (int i = 0; i < iters; i++) {
        if (v == 0) nets[0].fit(xs[i % 16], ys[i % 16]); else fast.fit(xs[i % 16], ys[i % 16]);
      }
      long c1 = tm.getCurrentThreadCpuTime();
      for (int i = 0; i < 20; i++) {
        if (v == 0) nets[0].output(big, false); else fast.output(big);
      }
      long c2 = tm.getCurrentThreadCpuTime();
      if (k >= 0) { train[v][k] = (c1 - c0) / 1e6 / iters; infer[v][k] = (c2 - c1) / 1e6 / 20; }
      System.out.printf("round %d %s: train %.3f ms/iter, load %s%n", k, v == 0 ? "DL4J" : "fast", (c1 - c0) / 1e6 / iters, load());
    }
    String[] names = {"DL4J fit/output", "FastDense"};
    for (int v = 0; v < 2; v++) {
      java.util.Arrays.sort(train[v]); java.util.Arrays.sort(infer[v]);
      System.out.printf("RESULT %s %s: train thread-cpu ms/iter median %.3f (min %.3f) = %.0f samples/s; inference batch 1000 ms median %.3f (min %.3f) = %.0f samples/s%n",
          recipe, names[v], train[v][rounds / 2], train[v][0], b * 1000 / train[v][rounds / 2], infer[v][rounds / 2], infer[v][0], 1000 * 1000 / infer[v][rounds / 2]);
    }
    // Both memorise the same 16 random batches, a chaotic regime where last-bit differences grow; the equivalence
    // on fresh batches is FastDenseTest's.
    System.out.printf("scores after %d iterations each: DL4J %.6f, FastDense %.6f%n", (rounds + 1) * iters, nets[0].score(), nets[1].score());
  }
}
