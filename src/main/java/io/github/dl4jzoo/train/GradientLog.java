package io.github.dl4jzoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * {@code --gradients}: after each epoch, one line per layer with parameters in the run folder's {@code
 * gradients.csv}: the mean L2 norm of the layer's gradient, its parameters' L2 norm and the mean
 * update-to-parameter ratio, as {@link GradientStats} defines them. The file is rewritten whole after each epoch,
 * so a run killed at any point leaves the epochs it finished; a resumed run keeps them (its interrupted epoch
 * averages the batches trained after the resume). A run without this listener computes nothing of it.
 */
public final class GradientLog implements TrainingListener {
    public static final String CSV = "gradients.csv";
    public static final String HEADER = "epoch,layer,gradient_l2,parameter_l2,update_ratio";

    private GradientStats stats;
    private MultiLayerNetwork attached;
    private final List<String> lines = new ArrayList<>();

    @Override
    public void onTrainingStart(TrainingContext c) {
        stats = new GradientStats();
        attached = null;
        lines.clear();
        lines.addAll(finishedEpochs(c.folder().file(CSV), c.history().size()));
        attach(c);
    }

    @Override
    public void onEpochStart(TrainingContext c) {
        attach(c);
    }

    @Override
    public void onEpochEnd(TrainingContext c) {
        int epoch = c.history().get(c.history().size() - 1).epoch();
        for (GradientStats.Row r : stats.endEpoch(epoch, c.network())) {
            lines.add(
                    r.epoch() + "," + r.layer() + "," + r.gradientL2() + "," + r.parameterL2() + "," + r.updateRatio());
        }
        c.folder().writeText(CSV, HEADER + "\n" + String.join("\n", lines) + "\n");
    }

    /** A network restored from a checkpoint is a new object: the statistics follow it. */
    private void attach(TrainingContext c) {
        if (c.network() != attached) {
            attached = c.network();
            attached.addListeners(stats);
        }
    }

    /** The lines of an earlier process of this run for the epochs its checkpoint holds. */
    private static List<String> finishedEpochs(Path csv, int epochs) {
        if (epochs == 0 || !Files.exists(csv)) {
            return List.of();
        }
        try {
            return Files.readAllLines(csv).stream()
                    .skip(1)
                    .filter(l -> !l.isBlank() && Integer.parseInt(l.substring(0, l.indexOf(','))) <= epochs)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(csv + ": cannot read: " + e.getMessage(), e);
        }
    }
}
