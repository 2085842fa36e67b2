package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.ActivationStep;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Rosenblatt's perceptron learning rule (1958) for a network of one layer of step units (the {@code perceptron}
 * recipe): for each example in turn, w += lr (y - f(x)) x and b += lr (y - f(x)). It needs no derivative, so it
 * trains the step units that backpropagation cannot; it changes nothing on an example the network already gets
 * right, and it stops moving only when every example is right, which happens exactly when a hyperplane
 * separates the classes (Novikoff 1962). The weights are DL4J's own parameter arrays, updated in place.
 */
public final class PerceptronRule {
    private final MultiLayerNetwork net;
    private final double learningRate;

    public PerceptronRule(MultiLayerNetwork net, double learningRate) {
        if (net.getnLayers() != 1
                || !(net.getLayer(0).conf().getLayer() instanceof BaseLayer layer)
                || !(layer.getActivationFn() instanceof ActivationStep)) {
            throw new IllegalArgumentException("the perceptron rule trains one layer of step units only");
        }
        this.net = net;
        this.learningRate = learningRate;
    }

    /** One pass over the examples in order; returns how many were wrong before their update. */
    public int epoch(DataSet data) {
        INDArray w = net.getLayer(0).getParam("W"); // [inputs, outputs], a view of the network's parameters
        INDArray b = net.getLayer(0).getParam("b"); // [outputs]
        int wrong = 0;
        for (int i = 0; i < data.numExamples(); i++) {
            INDArray x = data.getFeatures().getRow(i, true);
            INDArray error = data.getLabels().getRow(i, true).sub(net.output(x)).muli(learningRate);
            if (error.neq(0).any()) {
                wrong++;
                w.addi(x.transpose().mmul(error));
                b.addi(error.reshape(b.shape()));
            }
        }
        return wrong;
    }

    /**
     * Epochs until one has no mistake, or {@code maxEpochs}; returns the mistakes of each epoch run (the last is 0
     * exactly when the rule converged).
     */
    public int[] train(DataSet data, int maxEpochs) {
        int[] mistakes = new int[maxEpochs];
        for (int e = 0; e < maxEpochs; e++) {
            mistakes[e] = epoch(data);
            if (mistakes[e] == 0) {
                return java.util.Arrays.copyOf(mistakes, e + 1);
            }
        }
        return mistakes;
    }
}
