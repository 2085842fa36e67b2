package io.github.dl4jzoo.train;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Single-example inference latency of the final network, on the first test example. */
public final class Latency implements TrainingListener {
    private static final int WARMUP = 10;
    private static final int RUNS = 50;
    private double medianMillis = Double.NaN;

    @Override
    public void onTrainingEnd(TrainingContext c) {
        medianMillis = millis(c.network(), c.data().test())[0];
    }

    double medianMillis() {
        return medianMillis;
    }

    /** Median and 99th percentile of single-example inference, after a warm-up. */
    public static double[] millis(MultiLayerNetwork net, DataSetIterator test) {
        test.reset();
        INDArray features = test.next().getFeatures();
        test.reset();
        INDArray one = features.get(NDArrayIndex.interval(0, 1)).dup();
        FastDense step = FastDense.of(net);
        for (int i = 0; i < WARMUP; i++) {
            step.output(one);
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            step.output(one);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[RUNS / 2], ms[(int) Math.ceil(RUNS * 0.99) - 1]};
    }
}
