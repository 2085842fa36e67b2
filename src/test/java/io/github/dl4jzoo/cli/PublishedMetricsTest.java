package io.github.dl4jzoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jzoo.api.Zoo;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.ModelCard;
import io.github.dl4jzoo.train.Published;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The committed weights measured again, in a process started as {@code ./zoo} starts one: the API's evaluation
 * of a recipe's published weights gives the card's metrics to the last bit, and {@code zoo evaluate NAME} prints
 * them. The process matters: the tests' JVM runs with OMP_NUM_THREADS=1 in its environment (see pom.xml), with
 * which ND4J sizes its thread pools differently when it loads, and a forecaster's RMSE then moves in the fourth
 * decimal (lstm-forecast: 0.680060 against 0.679873).
 */
class PublishedMetricsTest {
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Prints the weights' metrics as a card records them, then what {@code zoo evaluate NAME} prints. */
    public static void main(String[] args) throws IOException {
        Engine.configure();
        String name = args[0];
        ModelCard.Measured now = ModelCard.Measured.of(
                Zoo.evaluate(published(name).load(), Optional.empty()).metrics());
        System.out.println(JSON.writeValueAsString(now));
        PrintWriter out = new PrintWriter(System.out, true);
        System.exit(io.github.dl4jzoo.cli.Zoo.run(new String[] {"evaluate", name}, out, out));
    }

    static Published published(String name) {
        return Published.in(Path.of("models"), name);
    }

    /** What {@link #main} printed in a JVM with the launcher's environment: the measured metrics, then the command's. */
    static List<String> measureAsLaunched(String name) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        PublishedMetricsTest.class.getName(),
                        name)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("OMP_NUM_THREADS"); // ./zoo sets none
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    static ModelCard.Measured measured(List<String> out) throws IOException {
        return JSON.readValue(line(out, "{"), ModelCard.Measured.class);
    }

    /** The first line of the command's output that starts with {@code prefix}. */
    static String line(List<String> out, String prefix) {
        return out.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("no line " + prefix + " in " + out);
    }

    @Test
    void lenet5EvaluatesToItsCard() throws Exception {
        assumeTrue(
                Files.isDirectory(FASHION_MNIST),
                FASHION_MNIST + " is missing: apt-get install -y dataset-fashion-mnist");
        ModelCard c = published("lenet5").readCard();
        List<String> out = measureAsLaunched("lenet5");
        assertEquals(c.metrics(), measured(out));
        String totals = line(out, "accuracy ");
        assertEquals(
                String.format(Locale.ROOT, "accuracy %.4f", c.metrics().accuracy()),
                totals.substring(0, "accuracy 0.0000".length()));
        assertEquals(
                String.format(Locale.ROOT, "macro F1 %.4f", c.metrics().macroF1()),
                totals.substring(totals.indexOf("macro F1")));
    }

    @Test
    void lstmForecastEvaluatesToItsCard() throws Exception {
        ModelCard c = published("lstm-forecast").readCard();
        List<String> out = measureAsLaunched("lstm-forecast");
        assertEquals(c.metrics(), measured(out));
        String line = line(out, "MSE ");
        assertEquals(
                String.format(
                        Locale.ROOT,
                        "RMSE %.6f  MAE %.6f",
                        c.metrics().rmse(),
                        c.metrics().mae()),
                line.substring(line.indexOf("RMSE"), line.indexOf("  R2")));
    }
}
