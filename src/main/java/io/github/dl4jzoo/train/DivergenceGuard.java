package io.github.dl4jzoo.train;

import java.util.Locale;

/**
 * Stops a run whose loss is no longer a number and rolls it back to its last checkpoint, so the saved model is
 * the last good one rather than a network of NaNs.
 */
final class DivergenceGuard implements TrainingListener {
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
        }
    }
}
