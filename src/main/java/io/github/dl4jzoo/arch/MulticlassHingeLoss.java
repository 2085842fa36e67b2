package io.github.dl4jzoo.arch;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The multiclass SVM (hinge) loss with margin 1: for scores s and true class y, L = sum over j != y of
 * max(0, s_j - s_y + 1) (Weston and Watkins 1999; CS231n "Linear classification"). DL4J has no such loss.
 * Labels are one-hot. The gradient with respect to s_j is 1 for every class whose margin is violated, and
 * minus the number of violations for the true class.
 */
public final class MulticlassHingeLoss implements ILossFunction {
    private static final double MARGIN = 1.0;

    /** Per-example losses [batch, 1] from pre-activations passed through the activation function. */
    private static INDArray margins(INDArray labels, INDArray scores) {
        INDArray trueScore = scores.mul(labels).sum(true, 1);
        // max(0, s_j - s_y + 1) for every j; the true class contributes max(0, 1) = 1, removed by the labels mask
        INDArray m = scores.subColumnVector(trueScore).addi(MARGIN);
        m.replaceWhere(m.mul(0), Conditions.lessThan(0));
        return m.muli(labels.rsub(1.0));
    }

    private static INDArray scores(INDArray preOutput, IActivation activationFn) {
        return activationFn.getActivation(preOutput.dup(), true);
    }

    private static INDArray applyMask(INDArray perExample, INDArray mask) {
        return mask == null
                ? perExample
                : perExample.muliColumnVector(mask.reshape(mask.length(), 1).castTo(perExample.dataType()));
    }

    @Override
    public double computeScore(
            INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask)
                .sumNumber()
                .doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray perExample = margins(labels, scores(preOutput, activationFn)).sum(true, 1);
        return applyMask(perExample, mask);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray violated =
                margins(labels, scores(preOutput, activationFn)).gt(0).castTo(preOutput.dataType());
        INDArray count = violated.sum(true, 1);
        INDArray dScores = violated.subi(labels.mul(count)); // true class: minus the number of violations
        INDArray grad = activationFn.backprop(preOutput.dup(), dScores).getFirst();
        return applyMask(grad, mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(
            INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(
                computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "MulticlassHingeLoss";
    }

    @Override
    public String toString() {
        return "MulticlassHingeLoss()";
    }

    // DL4J serialises loss functions with Jackson by class name; equal instances keep configurations comparable.
    @Override
    public boolean equals(Object o) {
        return o instanceof MulticlassHingeLoss;
    }

    @Override
    public int hashCode() {
        return MulticlassHingeLoss.class.hashCode();
    }
}
