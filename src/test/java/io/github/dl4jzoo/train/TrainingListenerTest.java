package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.Splits;
import io.github.dl4jzoo.data.Subset;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own listener sees the run as it happens and can end it; the zoo's listeners honour what it decides. */
class TrainingListenerTest {
    @TempDir
    static Path shared;

    static Path tiny;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tinySample() {
        tiny = shared.resolve("tiny");
        Subset.write(Path.of("src/main/resources/io/github/dl4jzoo/data/fashion-mnist-sample"), 600, 200, 7, tiny);
    }

    /** 600 training images in batches of 50: 12 batches an epoch. */
    static Recipe recipe(int epochs) {
        return Registry.load(Path.of("models"))
                .get("mlp", List.of("dataset=idx:" + tiny, "arch.hidden=[32]", "batchSize=50", "epochs=" + epochs));
    }

    static RunResult train(Recipe recipe, Path dir, TrainingListener listener) {
        Splits data = TrainData.load(recipe, Optional.empty());
        Trainer.Options options = Trainer.Options.DEFAULTS.withVerbose(0);
        if (listener != null) {
            options = options.withListener(listener);
        }
        return new Trainer(new PrintWriter(new StringWriter()))
                .run(recipe, data, RunFolder.create(dir, false), options);
    }

    @Test
    void aListenerSeesEveryEventAndCanStopTheRun() throws IOException {
        List<String> events = new ArrayList<>();
        List<Double> lastEpochLoss = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onTrainingStart(TrainingContext c) {
                events.add("start " + c.history().size() + "/" + c.epochs());
            }

            @Override
            public void onEpochStart(TrainingContext c) {
                events.add("epoch " + c.epoch() + " of " + c.expectedBatches() + " batches");
            }

            @Override
            public void onBatchEnd(TrainingContext c) {
                assertEquals(c.network().score(), c.loss());
                if (!c.moreBatches()) {
                    events.add("batch " + c.batch() + " samples " + c.samples());
                    lastEpochLoss.add(c.epochLoss());
                }
            }

            @Override
            public void onEpochEnd(TrainingContext c) {
                events.add("end " + c.history().get(c.history().size() - 1).epoch());
                if (c.epoch() == 1) {
                    c.stop("enough");
                }
            }

            @Override
            public void onTrainingEnd(TrainingContext c) {
                events.add("done " + c.stopReason().orElseThrow());
            }
        };
        Path dir = tmp.resolve("run");
        RunResult r = train(recipe(3), dir, listener);
        assertEquals(
                List.of(
                        "start 0/3",
                        "epoch 0 of 12 batches",
                        "batch 12 samples 600",
                        "end 1",
                        "epoch 1 of 12 batches",
                        "batch 12 samples 600",
                        "end 2",
                        "done enough"),
                events);
        assertEquals("enough", r.stopReason());
        assertEquals(2, r.epochs());
        assertEquals(lastEpochLoss.get(1), r.history().get(1).trainLoss(), "the listener saw the recorded loss");
        var state = new ObjectMapper().readTree(dir.resolve(RunFolder.STATE).toFile());
        assertEquals("enough", state.get("stopReason").asText(), "the checkpoint after the listener records its stop");
        assertEquals("checkpoint-2-0.zip", state.get("checkpoint").asText());
    }

    /** Rolled back in its second epoch, the run ends with exactly the model of a run of one epoch. */
    @Test
    void aRollBackReturnsToTheLastCheckpoint() {
        RunResult one = train(recipe(1), tmp.resolve("one"), null);
        List<Long> heard = new ArrayList<>();
        TrainingListener rollBack = new TrainingListener() {
            @Override
            public void onBatchEnd(TrainingContext c) {
                heard.add(c.batch());
                if (c.epoch() == 1 && c.batch() == 3) {
                    c.rollBack("test roll-back");
                }
            }
        };
        RunResult rolled = train(recipe(3), tmp.resolve("rolled"), rollBack);
        assertEquals("test roll-back", rolled.stopReason());
        assertEquals(1, rolled.epochs());
        assertEquals(12 + 3, heard.size());
        assertArrayEquals(params(one), params(rolled));
        assertEquals(one.test().headline(), rolled.test().headline());
    }

    private static float[] params(RunResult r) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(
                            r.runDir().resolve(RunFolder.MODEL).toFile(), false)
                    .params()
                    .toFloatVector();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
