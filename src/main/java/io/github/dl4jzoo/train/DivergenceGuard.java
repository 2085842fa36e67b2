package io.github.dl4jzoo.train;

import java.util.Locale;

/**
 * Stops a run that has blown up and rolls it back to its last checkpoint, so the saved model is the last good one.
 * A run has blown up when its loss is no longer a number, or when an epoch's mean training loss is more than
 * {@value #BLOWN_UP_FACTOR} times the untrained network's ({@link TrainingContext#firstLoss()}): training made it far
 * worse than not training at all. A run that is learning stays near or below where it started; one with a step
 * far too large (Adam at lr 1e6 on Fashion-MNIST: 20.2 against 2.3) or an unscaled target (a forecaster's loss
 * growing to 1e19) does not come back.
 */
final class DivergenceGuard implements TrainingListener {
    static final int BLOWN_UP_FACTOR = 5;

    @Override
    public void onBatchEnd(TrainingContext c) {
        if (!Double.isFinite(c.loss())) {
            c.rollBack(String.format(
                    Locale.ROOT,
                    "diverged at epoch %d, iteration %d: the loss is %s; kept %s",
                    c.epoch() + 1,
                    c.batch(),
                    c.loss(),
                    c.lastCheckpoint()));
        } else if (!c.moreBatches() && blownUp(c)) {
            c.rollBack(String.format(
                    Locale.ROOT,
                    "diverged at epoch %d: the mean training loss %.4g is over %d times the untrained network's %.4g;"
                            + " kept %s",
                    c.epoch() + 1,
                    c.epochLoss(),
                    BLOWN_UP_FACTOR,
                    c.firstLoss(),
                    c.lastCheckpoint()));
        }
    }

    /** Whether the epoch so far has blown up (see the class comment). */
    static boolean blownUp(TrainingContext c) {
        double first = c.firstLoss();
        return Double.isFinite(first) && first > 0 && c.samples() > 0 && c.epochLoss() > BLOWN_UP_FACTOR * first;
    }
}
