package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.data.Subset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo compare} prints each run's summary, then the table, then where the report is. */
class CompareCommandTest {
    @TempDir
    Path tmp;

    @Test
    void twoRecipesSideBySide() throws IOException {
        Path tiny = tmp.resolve("tiny"), out = tmp.resolve("cmp");
        Subset.write(TrainCommandTest.SAMPLE, 300, 100, 7, tiny);
        CliRun r = CliRun.of(
                "compare",
                "linear-*",
                "--epochs",
                "1",
                "--set",
                "dataset=idx:" + tiny,
                "--verbose",
                "0",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        String summary = "linear-s\\w+: test accuracy 0\\.\\d{4} after 1 epochs \\(epochs\\), \\d+\\.\\d s training;"
                + " run folder " + Pattern.quote(out.resolve("runs").toString()) + "/linear-s\\w+\n";
        String row = "linear-s\\w+ +linear +7,850 +1 +0\\.\\d{4} +\\d+\\.\\d +[\\d,]+\n";
        Matcher m = Pattern.compile(summary + summary
                        + "\nRECIPE +FAMILY +PARAMS +EPOCHS +ACCURACY +TRAIN S +SAMPLES/S\n" + row + row + "\nreport: "
                        + Pattern.quote(out.resolve("report.html").toString()) + "\n")
                .matcher(r.out());
        assertTrue(m.matches(), r.out());
        assertEquals(
                // quoted for the shell; without --out, which a second run would find taken
                "./zoo compare 'linear-*' --epochs 1 --set dataset=idx:" + tiny + " --verbose 0",
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(out.resolve("results.json").toFile())
                        .path("environment")
                        .path("command")
                        .asText(),
                "the report names the command that reproduces it");
        assertTrue(Files.isRegularFile(out.resolve("runs/linear-svm/model.zip")));
    }

    @Test
    void namesAndASuiteAreRefusedTogether() {
        CliRun r = CliRun.of("compare", "mlp", "--suite", "images");
        assertEquals(2, r.code());
        assertEquals("zoo: compare: give recipe NAMES or --suite, not both\n", r.err());
        r = CliRun.of("compare", "--suite", "sounds");
        assertEquals(2, r.code());
        assertEquals("zoo: --suite: expected one of images, timeseries, got sounds\n", r.err());
    }
}
