package io.github.dl4jzoo.train;

import java.util.function.Consumer;

/**
 * Something that happens around the training loop, in the style of Keras callbacks and DJL's
 * {@code TrainingListener}: progress, checkpoints, early stopping, the divergence guard, validation, test
 * evaluation, latency and memory are each one of these, and a user's own listener sits beside them
 * ({@link Trainer.Options#withListener}). Every method has an empty default, so a listener names only the events
 * it needs.
 *
 * <p>Listeners are called in a fixed order: the divergence guard, validation, early stopping, test evaluation,
 * latency, memory, progress, the user's listeners in the order given, checkpoints, and the time budget. So a
 * user's listener sees an epoch already validated and printed, and anything it decides (a {@link
 * TrainingContext#stop stop}) is in the checkpoint written after it.
 *
 * <p>A listener that keeps counts across epochs rebuilds them from {@link TrainingContext#history()} in {@link
 * #onTrainingStart}: a resumed run starts a new process, and the history is what the checkpoint keeps.
 */
public interface TrainingListener {
    /** Before the first batch; on a resumed run, with the history and partial epoch read from the checkpoint. */
    default void onTrainingStart(TrainingContext context) {}

    /** Before an epoch's first batch (on a resumed run, before the first batch not yet trained). */
    default void onEpochStart(TrainingContext context) {}

    /** After each batch's update; {@link TrainingContext#loss()} is that batch's loss. */
    default void onBatchEnd(TrainingContext context) {}

    /** After an epoch; its line is the last of {@link TrainingContext#history()}. */
    default void onEpochEnd(TrainingContext context) {}

    /** After the last epoch, once the final model is saved; {@link TrainingContext#stopReason()} says why. */
    default void onTrainingEnd(TrainingContext context) {}

    /** A listener that acts only after each epoch: {@code TrainingListener.afterEpoch(c -> ...)}. */
    static TrainingListener afterEpoch(Consumer<TrainingContext> action) {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingContext context) {
                action.accept(context);
            }
        };
    }
}
