package io.github.dl4jzoo.train;

import java.time.Duration;

/**
 * Stops the run after the batch that crosses the budget. The clock counts the training seconds of earlier
 * processes of a resumed run, so a budget holds for the run, not for each attempt.
 */
final class TimeBudget implements TrainingListener {
    private final long budgetNanos;
    private long started;

    TimeBudget(Duration budget) {
        this.budgetNanos = budget.toNanos();
    }

    @Override
    public void onTrainingStart(TrainingContext c) {
        started = System.nanoTime() - (long) (c.totalSeconds() * 1e9);
    }

    @Override
    public void onBatchEnd(TrainingContext c) {
        if (System.nanoTime() - started > budgetNanos) {
            c.stop("time budget");
        }
    }
}
