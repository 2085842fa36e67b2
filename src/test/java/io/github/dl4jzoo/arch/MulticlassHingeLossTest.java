package io.github.dl4jzoo.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The worked example of CS231n's linear classification notes, by hand. */
class MulticlassHingeLossTest {
    // scores for (cat, car, frog); true class cat
    private final INDArray scores = Nd4j.createFromArray(new double[][] {{3.2, 5.1, -1.7}});
    private final INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0, 0}});
    private final MulticlassHingeLoss loss = new MulticlassHingeLoss();

    @Test
    void scoreIsTheSumOfViolatedMargins() {
        // max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 2.9 + 0
        assertEquals(2.9, loss.computeScore(labels, scores, new ActivationIdentity(), null, true), 1e-9);
    }

    @Test
    void gradientCountsTheViolations() {
        // only 'car' violates the margin: d/ds = (-1, +1, 0)
        INDArray g = loss.computeGradient(labels, scores, new ActivationIdentity(), null);
        assertArrayEquals(new double[] {-1, 1, 0}, g.toDoubleVector(), 1e-12);
    }

    @Test
    void averagesOverTheBatchAndHonoursTheMask() {
        INDArray s = Nd4j.createFromArray(new double[][] {{3.2, 5.1, -1.7}, {1.3, 4.9, 2.0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}});
        // second row, true class car: max(0, 1.3 - 4.9 + 1) + max(0, 2.0 - 4.9 + 1) = 0
        assertEquals(2.9 / 2, loss.computeScore(y, s, new ActivationIdentity(), null, true), 1e-9);
        INDArray mask = Nd4j.createFromArray(new double[] {0, 1}).reshape(2, 1).castTo(DataType.DOUBLE);
        assertEquals(0.0, loss.computeScore(y, s, new ActivationIdentity(), mask, false), 1e-9);
    }
}
