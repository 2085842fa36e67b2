package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code zoo bench} prints one measured row per recipe, in the format asked for. */
class BenchCommandTest {
    @Test
    void csvHasTheEnvironmentThenOneRowPerRecipe() {
        CliRun r = CliRun.of(
                "bench",
                "xor",
                "linear-softmax",
                "--synthetic",
                "--warmup",
                "2",
                "--iters",
                "5",
                "--format",
                "csv",
                "--no-save");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("recipe,params,batch,train_samples_per_s,"), lines.get(0));
        String[] xor = lines.get(1).split(",");
        assertEquals(List.of("xor", "13", "4"), List.of(xor[0], xor[1], xor[2]));
        assertTrue(Double.parseDouble(xor[3]) > 0, "samples/s measured");
        assertTrue(lines.get(2).startsWith("linear-softmax,7850,128,"), lines.get(2));
        assertTrue(r.out().contains("# cpu: "), r.out());
    }

    @Test
    void badOptionsAreBadInput() {
        CliRun r = CliRun.of("bench", "mlp", "--format", "xml");
        assertEquals(2, r.code());
        assertEquals("zoo: --format: expected table, csv or json, got xml\n", r.err());
        r = CliRun.of("bench", "resnet*", "--synthetic");
        assertEquals(2, r.code());
        assertEquals("zoo: no recipe matches 'resnet*' (zoo list shows them all)\n", r.err());
    }
}
