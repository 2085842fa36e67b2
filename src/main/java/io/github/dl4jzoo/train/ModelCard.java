package io.github.dl4jzoo.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The card of published weights, in the manner of torchvision's {@code Weights.meta}: what data they were
 * trained and measured on (with the SHA-256 of every file read and its licence), the metrics of the zoo's own
 * evaluation on the full test split, the network's size, how to reproduce them and the weights file's own
 * checksum. {@code zoo publish} writes it beside the weights; it is never written by hand. Reading a card
 * loads no native code, so {@code zoo list} stays instant.
 *
 * @param flops forward floating-point operations per example (a multiply-add counts 2)
 * @param input what raw input the model takes and how to apply it (the zip's own description)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
        String name,
        String task,
        Dataset dataset,
        Measured metrics,
        long parameters,
        long flops,
        Training training,
        String input,
        String command,
        String gitCommit,
        String date,
        Weights weights) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param files the files the publishing run read, as its metrics.json records them ({@link RunResult#data}) */
    public record Dataset(String id, String licence, List<RunResult.Source> files) {}

    /**
     * Test-split metrics: accuracy and macro F1 for classifiers; RMSE and MAE in the target's own units
     * ({@code units} names them) for forecasters.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measured(
            String split, long examples, Double accuracy, Double macroF1, Double rmse, Double mae, String units) {
        public static Measured of(Metrics m) {
            if (m instanceof Metrics.Classification c) {
                long n = 0;
                for (long[] row : c.confusion()) {
                    for (long v : row) {
                        n += v;
                    }
                }
                return new Measured("test", n, c.accuracy(), c.macroF1(), null, null, null);
            }
            Metrics.Regression r = (Metrics.Regression) m;
            return new Measured("test", r.count(), null, null, r.rmse(), r.mae(), "the target's own units");
        }
    }

    public record Training(int epochs, int batchSize, long seed, double seconds, String stopReason) {}

    /** @param file the weights zip's name, beside the card */
    public record Weights(String file, String sha256, long bytes) {}

    /** "accuracy 0.9082" or "RMSE 0.6690": the metric a catalogue shows. */
    public String headline() {
        return metrics.accuracy() != null
                ? String.format(Locale.ROOT, "accuracy %.4f", metrics.accuracy())
                : String.format(Locale.ROOT, "RMSE %.4f", metrics.rmse());
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a card is plain data", e);
        }
    }

    public static ModelCard read(Path file) {
        try {
            return JSON.readValue(file.toFile(), ModelCard.class);
        } catch (IOException e) {
            throw new TrainException(file + ": not a model card written by zoo publish ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
    }
}
