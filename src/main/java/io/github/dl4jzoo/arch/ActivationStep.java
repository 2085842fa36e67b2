package io.github.dl4jzoo.arch;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Heaviside step function of Rosenblatt's perceptron (1958): f(a) = 1 for a &gt; 0, else 0. DL4J has no such
 * activation. Its derivative is 0 wherever it is defined (everywhere but a = 0, where this class also says 0),
 * so backpropagation passes nothing back through it: a network with a step unit gets a gradient of exactly
 * zero for every weight before that unit, and gradient descent never moves them. The perceptron learning rule
 * (w += lr (y - f(a)) x) trains it instead, because it uses the error, not the derivative.
 */
public final class ActivationStep extends BaseActivationFunction {
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Transforms.step(in, false);
    }

    /** dL/da = dL/df * f'(a) = 0 for every a: the step's derivative is zero. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(in.assign(0), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationStep;
    }

    @Override
    public int hashCode() {
        return ActivationStep.class.hashCode();
    }

    @Override
    public String toString() {
        return "step";
    }
}
