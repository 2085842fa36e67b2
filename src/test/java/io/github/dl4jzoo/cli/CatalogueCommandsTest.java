package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code zoo list} and {@code zoo show}: exact output and exit codes. */
class CatalogueCommandsTest {
    @Test
    void listFiltersWithAPattern(@org.junit.jupiter.api.io.TempDir java.nio.file.Path models) throws Exception {
        for (String r : java.util.List.of("lstm-forecast", "mlp-forecast", "mlp")) {
            java.nio.file.Files.copy(java.nio.file.Path.of("models", r + ".yaml"), models.resolve(r + ".yaml"));
        }
        CliRun r = CliRun.of("--models", models.toString(), "list", "*forecast*");
        assertEquals(
                """
                NAME           FAMILY  TASK         DATASET  PARAMS  PUBLISHED WEIGHTS
                lstm-forecast  lstm    forecasting  co2      10,451  -
                mlp-forecast   mlp     forecasting  co2         701  -
                """,
                r.out());
        assertEquals(0, r.code());
        assertEquals("", r.err());
    }

    @Test
    void listWithNoMatchIsBadInput() {
        CliRun r = CliRun.of("list", "resnet*");
        assertEquals(2, r.code());
        assertEquals("zoo: no recipe matches 'resnet*' (zoo list shows them all)\n", r.err());
    }

    @Test
    void showPrintsTheResolvedRecipeAndTheNetwork() {
        CliRun r = CliRun.of("show", "two-layer-sigmoid", "--set", "updater.lr=0.5");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("name: two-layer-sigmoid\n"), out);
        assertTrue(out.contains("updater:\n  type: sgd\n  lr: 0.5\n"), out);
        assertTrue(
                out.endsWith(
                        """
                        LAYER   TYPE         INPUT  OUTPUT  PARAMS
                        dense1  DenseLayer   3      4           16
                        output  OutputLayer  4      1            5
                        total parameters: 21

                        published weights: none (zoo publish two-layer-sigmoid makes them)
                        """),
                out);
    }

    @Test
    void showSummarisesAConvNetLayerByLayer() {
        String out = CliRun.of("show", "seed-cnn").out();
        assertTrue(
                out.contains(
                        """
                        LAYER   TYPE              INPUT    OUTPUT   PARAMS
                        conv1   ConvolutionLayer  1x28x28  4x24x24     104
                        conv2   ConvolutionLayer  4x24x24  8x22x22     296
                        pool1   SubsamplingLayer  8x22x22  8x11x11       0
                        conv3   ConvolutionLayer  8x11x11  16x9x9    1,168
                        pool2   SubsamplingLayer  16x9x9   16x4x4        0
                        dense1  DenseLayer        16x4x4   128      32,896
                        output  OutputLayer       128      10        1,290
                        total parameters: 35,754
                        """),
                out);
    }

    @Test
    void anUnknownRecipeSuggestsTheClosest() {
        CliRun r = CliRun.of("show", "lenet");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("zoo: unknown recipe 'lenet', did you mean 'lenet5'?\n", r.err());
    }

    @Test
    void aBadOverrideIsBadInput() {
        CliRun r = CliRun.of("show", "mlp", "--set", "epochs=0");
        assertEquals(2, r.code());
        assertEquals(
                "zoo: --set epochs=0: expected an integer from 1 to 1000000, got 0 (recipe models/mlp.yaml)\n",
                r.err());
    }

    @Test
    void aMissingModelsFolderIsBadInput() {
        CliRun r = CliRun.of("list", "--models", "no-such-folder");
        assertEquals(2, r.code());
        assertEquals(
                "zoo: no-such-folder: no such folder of recipes (expected a folder of NAME.yaml files)\n", r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"list", "show"}) {
            CliRun r = CliRun.of(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().startsWith("Usage: zoo " + cmd), r.out());
        }
        assertTrue(CliRun.of("--help").out().contains("Commands:"));
    }
}
