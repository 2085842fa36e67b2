package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;

/**
 * Stops after {@code patience} epochs without a better validation metric (higher accuracy, lower RMSE). Its
 * memory (the best metric and the epochs since) is rebuilt from the history, so a resumed run decides as an
 * uninterrupted one would.
 */
final class EarlyStopping implements TrainingListener {
    private final int patience;
    private boolean higherIsBetter;
    private double best = Double.NaN;
    private int sinceBest;

    EarlyStopping(int patience) {
        this.patience = patience;
    }

    @Override
    public void onTrainingStart(TrainingContext c) {
        higherIsBetter = c.recipe().task() == Recipe.Task.CLASSIFICATION;
        for (EpochStats e : c.history()) {
            update(e.validationMetric());
        }
    }

    @Override
    public void onEpochEnd(TrainingContext c) {
        update(c.lastEpoch().validationMetric());
        if (sinceBest >= patience) {
            c.stop("early stopping");
        }
    }

    private void update(double metric) {
        boolean better = Double.isNaN(best) || (higherIsBetter ? metric > best : metric < best);
        best = better ? metric : best;
        sinceBest = better ? 0 : sinceBest + 1;
    }
}
