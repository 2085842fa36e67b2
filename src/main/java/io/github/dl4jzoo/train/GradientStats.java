package io.github.dl4jzoo.train;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-layer gradient statistics of a network in training, summed over an epoch's batches and read with {@link
 * #endEpoch}. Attached to the network as a DL4J listener, as DL4J's own StatsListener is:
 *
 * <ul>
 *   <li>the L2 norm of each layer's gradient, read when DL4J has computed it and before its updater runs (so
 *       before gradient clipping, L1/L2 penalties and the learning rate). DL4J's backward pass gives the
 *       gradient of the loss summed over the batch; it is divided by the batch size here, as DL4J's updater
 *       does, so this is the gradient of the mean loss that the step follows. Mean over the epoch's batches.
 *   <li>the update-to-parameter ratio as DL4J's training UI defines it: mean |update| / mean |parameter| over the
 *       layer's parameters (weights and biases), where the update is what the step subtracted (after the
 *       updater, the learning rate, clipping and penalties). Mean over the epoch's batches. The UI plots its
 *       log10 and calls about -3 healthy.
 * </ul>
 *
 * The parameters' L2 norm is read at the end of each epoch. Layers without parameters (pooling) are skipped.
 */
public final class GradientStats extends BaseTrainingListener {
    /** One layer's figures for one epoch. */
    public record Row(int epoch, String layer, double gradientL2, double parameterL2, double updateRatio) {}

    private double[] gradientSums = new double[0];
    private double[] ratioSums = new double[0];
    private long gradients;
    private long updates;

    @Override
    public void onGradientCalculation(Model model) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        gradientsComputed(net, net.batchSize());
    }

    /** After the step: the gradient view now holds the update that was subtracted from the parameters. */
    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        stepped((MultiLayerNetwork) model);
    }

    /**
     * The gradient views hold the gradient of the loss summed over a batch of {@code batch} examples, before the
     * updater. DL4J's {@code fit} calls this through {@link #onGradientCalculation}, {@link FastDense} directly.
     */
    void gradientsComputed(MultiLayerNetwork net, int batch) {
        Layer[] layers = sized(net);
        for (int i = 0; i < layers.length; i++) {
            INDArray g = layers[i].getGradientsViewArray();
            if (g != null && layers[i].numParams() > 0) {
                gradientSums[i] += norm2(g) / batch;
            }
        }
        gradients++;
    }

    /** The step is done and the gradient views hold the update that was subtracted from the parameters. */
    void stepped(MultiLayerNetwork net) {
        Layer[] layers = sized(net);
        for (int i = 0; i < layers.length; i++) {
            INDArray u = layers[i].getGradientsViewArray();
            if (u != null && layers[i].numParams() > 0) {
                ratioSums[i] += norm1(u) / norm1(layers[i].params());
            }
        }
        updates++;
    }

    /** The epoch's rows, one per layer with parameters, in layer order; starts the next epoch's sums. */
    public List<Row> endEpoch(int epoch, MultiLayerNetwork net) {
        Layer[] layers = sized(net);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].numParams() == 0) {
                continue;
            }
            rows.add(new Row(
                    epoch,
                    layers[i].conf().getLayer().getLayerName(),
                    gradientSums[i] / gradients,
                    layers[i].params().norm2Number().doubleValue(),
                    ratioSums[i] / updates));
        }
        gradientSums = new double[layers.length];
        ratioSums = new double[layers.length];
        gradients = 0;
        updates = 0;
        return rows;
    }

    /**
     * The L2 norm of {@code v}. A contiguous FLOAT view (every layer's parameters and gradient in a zoo network) goes
     * to OpenBLAS's {@code snrm2} on its memory: one ND4J reduction called from Java costs tens of microseconds, and a
     * Java loop about a nanosecond an element, which on mlp made these statistics 20-40% of its training time.
     */
    private static double norm2(INDArray v) {
        return contiguousFloat(v)
                ? openblas_nolapack.cblas_snrm2((int) v.length(), pointer(v), 1)
                : v.norm2Number().doubleValue();
    }

    /** The sum of absolute values of {@code v}: OpenBLAS's {@code sasum} as {@link #norm2} says. */
    private static double norm1(INDArray v) {
        return contiguousFloat(v)
                ? openblas_nolapack.cblas_sasum((int) v.length(), pointer(v), 1)
                : v.norm1Number().doubleValue();
    }

    private static boolean contiguousFloat(INDArray v) {
        return v.dataType() == DataType.FLOAT && v.isVector() && v.elementWiseStride() == 1;
    }

    private static FloatPointer pointer(INDArray v) {
        return new FloatPointer(v.data().addressPointer()); // a view's address includes its offset
    }

    private Layer[] sized(MultiLayerNetwork net) {
        Layer[] layers = net.getLayers();
        if (gradientSums.length != layers.length) {
            gradientSums = new double[layers.length];
            ratioSums = new double[layers.length];
        }
        return layers;
    }
}
