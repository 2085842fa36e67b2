import io.github.dl4jzoo.arch.*;
import io.github.dl4jzoo.train.FastLstm;
import io.github.dl4jzoo.train.FastUpdaters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import java.lang.management.*;
import java.nio.file.Files;
import java.nio.file.Path;
/**
 * A/B in one process: DL4J's per-time-step LSTM against FastLstm on a recipe's own network (FastUpdaters on both),
 * alternating blocks of training iterations, then of inference calls; thread CPU and wall ms per iteration, and the
 * load average beside each block. Usage:
 * java -Xmx2g -cp target/zoo.jar src/bench/probes/LstmAB.java [lstm-rows|lstm-forecast] [iterations=30] [rounds=5] [inferBatch=1000]
 */
public class LstmAB {
  static String load() { try { return Files.readString(Path.of("/proc/loadavg")).split(" ")[0]; } catch (Exception e) { return "?"; } }
  public static void main(String[] a) {
    io.github.dl4jzoo.train.Engine.configure();
    String recipe = a.length > 0 ? a[0] : "lstm-rows";
    int iters = a.length > 1 ? Integer.parseInt(a[1]) : 30, rounds = a.length > 2 ? Integer.parseInt(a[2]) : 5;
    int inferBatch = a.length > 3 ? Integer.parseInt(a[3]) : 1000;
    Recipe r = Registry.load(Path.of("models")).get(recipe);
    Recipe.Input.Sequence seq = (Recipe.Input.Sequence) r.input();
    int batch = r.batchSize(), classes = r.output().units();
    MultiLayerNetwork[] nets = new MultiLayerNetwork[2];
    for (int k = 0; k < 2; k++) { nets[k] = Networks.build(r); FastUpdaters.install(nets[k]); }
    System.out.println("FastLstm layers installed: " + FastLstm.install(nets[1]));
    // a new batch each iteration, as the zoo's iterators make them
    INDArray[] xs = new INDArray[iters], ys = new INDArray[iters];
    for (int i = 0; i < iters; i++) {
      xs[i] = Nd4j.rand(DataType.FLOAT, batch, seq.features(), seq.steps());
      ys[i] = Nd4j.zeros(DataType.FLOAT, batch, classes);
      for (int j = 0; j < batch; j++) ys[i].putScalar(j, classes == 1 ? 0 : (i + j) % classes, 1f);
    }
    INDArray probe = Nd4j.rand(DataType.FLOAT, inferBatch, seq.features(), seq.steps());
    ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    String[] names = {"DL4J LSTM", "FastLstm"};
    double[][][] res = new double[2][4][rounds]; // [k][train cpu, train wall, infer cpu, infer wall][round]
    for (int round = -1; round < rounds; round++) for (int k = 0; k < 2; k++) {
      String l0 = load();
      long t0 = System.nanoTime(), c0 = tm.getCurrentThreadCpuTime();
      for (int i = 0; i < iters; i++) nets[k].fit(xs[i], ys[i]);
      long t1 = System.nanoTime(), c1 = tm.getCurrentThreadCpuTime();
      int inferCalls = Math.max(1, iters / 5);
      for (int i = 0; i < inferCalls; i++) nets[k].output(probe, false);
      long t2 = System.nanoTime(), c2 = tm.getCurrentThreadCpuTime();
      if (round < 0) continue;
      res[k][0][round] = (c1 - c0) / 1e6 / iters; res[k][1][round] = (t1 - t0) / 1e6 / iters;
      res[k][2][round] = (c2 - c1) / 1e6 / inferCalls; res[k][3][round] = (t2 - t1) / 1e6 / inferCalls;
      System.out.printf("round %d %-9s train %.2f ms/iter cpu (%.2f wall), infer[%d] %.2f ms cpu (%.2f wall), load %s-%s%n",
          round, names[k], res[k][0][round], res[k][1][round], inferBatch, res[k][2][round], res[k][3][round], l0, load());
    }
    for (int k = 0; k < 2; k++) for (double[] v : res[k]) java.util.Arrays.sort(v);
    for (int k = 0; k < 2; k++) {
      System.out.printf("RESULT %s %s: train ms/iter thread-cpu median %.2f (min %.2f), wall median %.2f; infer[%d] ms thread-cpu median %.2f (min %.2f)%n",
          recipe, names[k], res[k][0][rounds / 2], res[k][0][0], res[k][1][rounds / 2], inferBatch, res[k][2][rounds / 2], res[k][2][0]);
    }
    System.out.printf("RESULT %s speed-up (thread cpu medians): train %.2fx, infer %.2fx%n", recipe,
        res[0][0][rounds / 2] / res[1][0][rounds / 2], res[0][2][rounds / 2] / res[1][2][rounds / 2]);
  }
}
