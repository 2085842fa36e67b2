package io.github.dl4jzoo.arch;

import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The losses a recipe may name. */
public enum Loss {
    /** Multiclass cross-entropy; with a softmax output, the softmax classifier. */
    MCXENT,
    /** Binary cross-entropy for sigmoid outputs. */
    XENT,
    /** Mean squared error over the outputs of an example. */
    MSE,
    /** Sum of squared errors over the outputs of an example (the "sum-of-squares" of classic backprop notes). */
    SSE,
    MAE,
    /** The multiclass SVM loss with margin 1 (Weston and Watkins 1999), see {@link MulticlassHingeLoss}. */
    HINGE_MULTICLASS;

    public ILossFunction create() {
        return switch (this) {
            case MCXENT -> new LossMCXENT();
            case XENT -> new LossBinaryXENT();
            case MSE -> new LossMSE();
            case SSE -> new LossL2();
            case MAE -> new LossMAE();
            case HINGE_MULTICLASS -> new MulticlassHingeLoss();
        };
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
