package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code zoo sweep} and {@code --master} decide before Spark is involved (the Spark module's own tests run
 * the sweeps): the grid, and a clear refusal when the Spark module is not on the class path, as here.
 */
class SweepCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theGridIsTheCrossProductOfItsKeysInTheOrderGiven() {
        List<SweepCommand.Axis> axes = SweepCommand.axes(List.of("updater.lr=0.1,0.01", "batchSize=32,64"));
        assertEquals(
                List.of(
                        Map.of("updater.lr", "0.1", "batchSize", "32"),
                        Map.of("updater.lr", "0.1", "batchSize", "64"),
                        Map.of("updater.lr", "0.01", "batchSize", "32"),
                        Map.of("updater.lr", "0.01", "batchSize", "64")),
                SweepCommand.crossProduct(axes));
    }

    @Test
    void aMalformedGridIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("sweep", "xor", "--grid", "updater.lr");
        assertEquals(2, r.code());
        assertEquals("zoo: --grid: expected KEY=V1,V2,... (e.g. updater.lr=0.001,0.003), got updater.lr\n", r.err());
        CliRun twice = CliRun.of("sweep", "xor", "--grid", "updater.lr=0.1", "--grid", "updater.lr=0.2");
        assertEquals(2, twice.code());
        assertEquals("zoo: --grid: updater.lr is given twice; list all its values in one --grid\n", twice.err());
    }

    @Test
    void aBadGridValueNamesTheKeyAndWhatIsAllowed() {
        CliRun r = CliRun.of(
                "sweep",
                "xor",
                "--grid",
                "updater.lr=0.1,-1",
                "--out",
                tmp.resolve("s").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("zoo: --grid updater.lr=-1: ", r.err().substring(0, "zoo: --grid updater.lr=-1: ".length()));
        assertFalse(Files.exists(tmp.resolve("s")));
    }

    @Test
    void withoutTheSparkModuleMasterIsRefusedBeforeAnythingIsWritten() {
        String refusal = "zoo: --master: Spark is not on the class path; run the command through ./zoo, which adds"
                + " spark/target/zoo-spark.jar\n";
        CliRun sweep = CliRun.of("sweep", "xor", "--out", tmp.resolve("sweep").toString());
        assertEquals(2, sweep.code());
        assertEquals(refusal, sweep.err());
        CliRun train = CliRun.of(
                "train",
                "xor",
                "--master",
                "local[2]",
                "--out",
                tmp.resolve("train").toString());
        assertEquals(2, train.code());
        assertEquals(refusal, train.err());
        CliRun compare = CliRun.of(
                "compare",
                "xor",
                "--master",
                "local[2]",
                "--out",
                tmp.resolve("cmp").toString());
        assertEquals(2, compare.code());
        assertEquals(refusal, compare.err());
        assertFalse(Files.exists(tmp.resolve("sweep"))
                || Files.exists(tmp.resolve("train"))
                || Files.exists(tmp.resolve("cmp")));
    }
}
