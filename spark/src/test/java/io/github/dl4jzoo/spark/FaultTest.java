package io.github.dl4jzoo.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that dies after its first epoch is retried by Spark and resumes from its checkpoint: the test hook makes
 * the first attempt of one run throw after epoch 1, and makes any later attempt that trains epoch 1 again throw
 * too, so the sweep only succeeds if the retry resumed. The results equal those of an undisturbed sweep.
 */
class FaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VICTIM = "linear-softmax--seed123";

    @TempDir
    Path tmp;

    @Test
    void aTaskThatDiesIsRetriedAndResumesToTheSameResult() throws IOException {
        Cli undisturbed = sweep(tmp.resolve("undisturbed"));
        assertEquals(0, undisturbed.code(), undisturbed.toString());
        System.setProperty("dl4jzoo.spark.failOnce", VICTIM);
        Cli faulty;
        try {
            faulty = sweep(tmp.resolve("faulty"));
        } finally {
            System.clearProperty("dl4jzoo.spark.failOnce");
        }
        assertEquals(0, faulty.code(), faulty.toString());
        for (String run : new String[] {VICTIM, "linear-softmax--seed124"}) {
            Path a = tmp.resolve("undisturbed/runs").resolve(run),
                    b = tmp.resolve("faulty/runs").resolve(run);
            assertEquals(
                    JSON.readTree(a.resolve("metrics.json").toFile()).get("test"),
                    JSON.readTree(b.resolve("metrics.json").toFile()).get("test"),
                    run);
            assertArrayEquals(
                    ModelSerializer.restoreMultiLayerNetwork(
                                    a.resolve("model.zip").toFile())
                            .params()
                            .toFloatVector(),
                    ModelSerializer.restoreMultiLayerNetwork(
                                    b.resolve("model.zip").toFile())
                            .params()
                            .toFloatVector(),
                    run);
        }
    }

    private static Cli sweep(Path out) {
        return Cli.run(
                "sweep",
                "linear-softmax",
                "--seeds",
                "2",
                "--epochs",
                "2",
                "--master",
                "local[2]",
                "--out",
                out.toString());
    }
}
