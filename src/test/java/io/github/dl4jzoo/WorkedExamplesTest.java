package io.github.dl4jzoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.arch.MulticlassHingeLoss;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The worked examples of the reference notes, computed with ND4J exactly as notebooks/04-worked-examples.ipynb
 * computes them, so that the notes' numbers are checked by {@code mvn verify} too. (XOR, the notebook's fifth
 * example, is checked by {@code TeachingNetworksTest}.)
 */
class WorkedExamplesTest {
    private static final double SCORE_TOLERANCE = 1e-4;
    /** The notes give probabilities and the gradient to two decimals. */
    private static final double TWO_DECIMALS = 0.01;

    private static INDArray naiveSoftmax(INDArray s) {
        INDArray e = Transforms.exp(s, true);
        return e.divi(e.sumNumber());
    }

    private static INDArray stableSoftmax(INDArray s) {
        INDArray e = Transforms.exp(s.sub(s.maxNumber()), false);
        return e.divi(e.sumNumber());
    }

    private static INDArray catCarFrog() {
        return Nd4j.createFromArray(3.2f, 5.1f, -1.7f);
    }

    @Test
    void linearScoreIsMinus96point8() {
        INDArray w = Nd4j.createFromArray(new double[][] {{0.2, -0.5, 0.1, 2.0}});
        INDArray x = Nd4j.createFromArray(new double[][] {{56}, {231}, {24}, {2}});
        double b = 1.1;
        assertEquals(-96.8, w.mmul(x).getDouble(0) + b, SCORE_TOLERANCE);
    }

    @Test
    void softmaxOfCatCarFrogIsAbout013And087And000() {
        INDArray stable = stableSoftmax(catCarFrog());
        assertArrayEquals(new double[] {0.13, 0.87, 0.00}, stable.toDoubleVector(), TWO_DECIMALS);
        assertEquals(1.0, stable.sumNumber().doubleValue(), 1e-6);
        // where nothing overflows, subtracting the maximum changes nothing
        assertArrayEquals(naiveSoftmax(catCarFrog()).toDoubleVector(), stable.toDoubleVector(), 1e-6);
    }

    @Test
    void stableSoftmaxSurvivesScoresNear1000WhereTheNaiveOneOverflows() {
        INDArray large = catCarFrog().add(1000f);
        INDArray naive = naiveSoftmax(large);
        assertTrue(naive.isNaN().any() || naive.isInfinite().any(), "naive softmax in float: " + naive);
        INDArray stable = stableSoftmax(large);
        assertFalse(stable.isNaN().any() || stable.isInfinite().any(), "stable softmax: " + stable);
        assertArrayEquals(new double[] {0.13, 0.87, 0.00}, stable.toDoubleVector(), TWO_DECIMALS);
        assertArrayEquals(Transforms.softmax(large, true).toDoubleVector(), stable.toDoubleVector(), 1e-6);
    }

    @Test
    void hingeLossWithMarginOneForTrueClassCatIs2point9() {
        INDArray s = Nd4j.createFromArray(new double[][] {{3.2, 5.1, -1.7}});
        INDArray catIsTrue = Nd4j.createFromArray(new double[][] {{1, 0, 0}});
        double loss = new MulticlassHingeLoss().computeScore(catIsTrue, s, new ActivationIdentity(), null, false);
        assertEquals(2.9, loss, 1e-9);
    }

    @Test
    void derivativeOfOneOverXAt1point37IsAboutMinus053ByFormulaAndByFiniteDifference() {
        double x0 = 1.37, upstream = 1.0, h = 1e-5;
        INDArray at = Nd4j.scalar(x0);
        double analytic = upstream * at.mul(at).rdiv(-1.0).getDouble(0);
        double numeric = upstream
                * (Nd4j.scalar(x0 + h).rdiv(1.0).getDouble(0)
                        - Nd4j.scalar(x0 - h).rdiv(1.0).getDouble(0))
                / (2 * h);
        assertEquals(-0.53, analytic, TWO_DECIMALS);
        assertEquals(-0.53, numeric, TWO_DECIMALS);
        assertEquals(analytic, numeric, 1e-8);
    }
}
