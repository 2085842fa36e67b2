package io.github.dl4jzoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.arch.MulticlassHingeLoss;
import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.Datasets;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
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

    /**
     * The notes' backprop example: the {@code xor} recipe as a 2-3-1 network with identity activations, every
     * weight 1, lr 0.1. The loss is DL4J's MSE as DL4J scores a batch, L = (1/N) sum_n (y_n - t_n)^2 over the
     * N = 4 rows (no 1/2: with it every gradient below would halve); biases are kept, at DL4J's initial 0, so the
     * forward pass is that of a network without them and the step shows their gradients (the sum of the deltas).
     */
    static final List<String> BACKPROP_EXAMPLE = List.of(
            "task=regression",
            "arch={hidden: [3], activation: identity}",
            "output={units: 1, activation: identity, loss: mse}",
            "weightInit=ones",
            "updater={type: sgd, lr: 0.1}");

    private static final double EXACT = 1e-12;

    @Test
    void backpropOnXorWithAllWeightsOneMatchesTheHandComputationAndDl4jsGradient() {
        Recipe recipe = Registry.load(Path.of("models")).get("xor", BACKPROP_EXAMPLE);
        DataSet rows = Datasets.builtIn("xor");
        INDArray x = rows.getFeatures().castTo(DataType.DOUBLE),
                t = rows.getLabels().castTo(DataType.DOUBLE);
        double lr = recipe.updater().learningRate(), n = x.rows();

        // forward, by hand: a1 = x W1 + b1, h = a1 (identity), y = h W2 + b2
        INDArray w1 = Nd4j.ones(DataType.DOUBLE, 2, 3), b1 = Nd4j.zeros(DataType.DOUBLE, 1, 3);
        INDArray w2 = Nd4j.ones(DataType.DOUBLE, 3, 1), b2 = Nd4j.zeros(DataType.DOUBLE, 1, 1);
        INDArray h = x.mmul(w1).addRowVector(b1);
        INDArray y = h.mmul(w2).addRowVector(b2);
        assertArrayEquals(
                new double[] {0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2}, h.ravel().toDoubleVector(), EXACT);
        assertArrayEquals(new double[] {0, 3, 3, 6}, y.toDoubleVector(), EXACT);
        INDArray e = y.sub(t);
        assertArrayEquals(new double[] {0, 2, 2, 6}, e.toDoubleVector(), EXACT);
        double loss = e.mul(e).sumNumber().doubleValue() / n;
        assertEquals(11.0, loss, EXACT); // (0 + 4 + 4 + 36) / 4

        // backward, by hand: delta2 = dL/dy = 2 e / N; delta1 = delta2 W2^T * f'(a1), f' = 1
        INDArray delta2 = e.mul(2 / n);
        assertArrayEquals(new double[] {0, 1, 1, 3}, delta2.toDoubleVector(), EXACT);
        INDArray delta1 = delta2.mmul(w2.transpose());
        assertArrayEquals(
                new double[] {0, 0, 0, 1, 1, 1, 1, 1, 1, 3, 3, 3},
                delta1.ravel().toDoubleVector(),
                EXACT);
        INDArray gw2 = h.transpose().mmul(delta2), gb2 = delta2.sum(true, 0);
        INDArray gw1 = x.transpose().mmul(delta1), gb1 = delta1.sum(true, 0);
        assertArrayEquals(new double[] {8, 8, 8}, gw2.toDoubleVector(), EXACT); // 1*1 + 1*1 + 2*3
        assertEquals(5.0, gb2.getDouble(0), EXACT); // 0 + 1 + 1 + 3
        assertArrayEquals(new double[] {4, 4, 4, 4, 4, 4}, gw1.ravel().toDoubleVector(), EXACT); // 1 + 3
        assertArrayEquals(new double[] {5, 5, 5}, gb1.toDoubleVector(), EXACT);

        // DL4J's own forward pass, loss and gradient for the same network
        MultiLayerNetwork net = new MultiLayerNetwork(Networks.configuration(recipe, DataType.DOUBLE));
        net.init();
        DataSet batch = new DataSet(x, t);
        assertArrayEquals(y.toDoubleVector(), net.output(x).toDoubleVector(), EXACT);
        net.setInput(x);
        net.setLabels(t);
        net.computeGradientAndScore();
        assertEquals(loss, net.score(), EXACT);
        // DL4J's backward pass gives the gradient of the loss summed over the batch, N times ours; its updater
        // divides by the batch size before the step (the fit below lands where our step does)
        Gradient g = net.gradient();
        assertEquals(gw1.mul(n), g.getGradientFor("0_W"));
        assertEquals(gb1.mul(n).reshape(3), g.getGradientFor("0_b"));
        assertEquals(gw2.mul(n), g.getGradientFor("1_W"));
        assertEquals(gb2.mul(n).reshape(1), g.getGradientFor("1_b"));

        // one step: w -= lr * gradient, by hand and by DL4J's fit
        net.fit(batch);
        assertArrayEquals(
                new double[] {0.6, 0.6, 0.6, 0.6, 0.6, 0.6},
                w1.sub(gw1.mul(lr)).ravel().toDoubleVector(),
                EXACT);
        assertArrayEquals(new double[] {-0.5, -0.5, -0.5}, b1.sub(gb1.mul(lr)).toDoubleVector(), EXACT);
        assertArrayEquals(new double[] {0.2, 0.2, 0.2}, w2.sub(gw2.mul(lr)).toDoubleVector(), EXACT);
        assertEquals(-0.5, b2.sub(gb2.mul(lr)).getDouble(0), EXACT);
        assertArrayEquals(
                new double[] {0.6, 0.6, 0.6, 0.6, 0.6, 0.6},
                net.getParam("0_W").ravel().toDoubleVector(),
                EXACT);
        assertArrayEquals(new double[] {-0.5, -0.5, -0.5}, net.getParam("0_b").toDoubleVector(), EXACT);
        assertArrayEquals(new double[] {0.2, 0.2, 0.2}, net.getParam("1_W").toDoubleVector(), EXACT);
        assertEquals(-0.5, net.getParam("1_b").getDouble(0), EXACT);
        // and the loss falls: y = 0.6 (0.6 s - 0.5) - 0.5 for s = x1 + x2, errors -0.8, -1.44, -1.44, -0.08
        assertEquals((0.64 + 2.0736 + 2.0736 + 0.0064) / 4, net.score(batch), EXACT);
    }
}
