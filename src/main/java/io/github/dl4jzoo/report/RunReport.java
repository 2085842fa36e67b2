package io.github.dl4jzoo.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dl4jzoo.train.EpochStats;
import io.github.dl4jzoo.train.GradientLog;
import io.github.dl4jzoo.train.GradientStats;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one run's folder. {@code metrics.json} holds only what the seed determines (test metrics, epochs,
 * stop reason, parameters), so two runs with the same seed write the same bytes; what the clock determines (speed,
 * memory) goes to {@code timing.json}, and the per-epoch history with its timings to {@code history.csv}.
 */
public final class RunReport {
    public static final String METRICS_JSON = "metrics.json";
    public static final String TIMING_JSON = "timing.json";
    public static final String HISTORY_CSV = "history.csv";
    public static final String CURVES_PNG = "learning-curves.png";
    public static final String GRADIENTS_PNG = "gradients.png";

    private RunReport() {}

    /**
     * Writes {@code metrics.json} and {@code timing.json}; {@code history.csv} and {@code learning-curves.png}
     * too when the run has a history to show (a baseline has none). Creates {@code runDir} if needed.
     */
    public static void write(Path runDir, RunResult r) throws IOException {
        write(runDir, r, false);
    }

    /**
     * As {@link #write(Path, RunResult)}, or with {@code onlyMissing} only the files not there yet (a run killed
     * while its reports were written); returns the names of the files written. Each file is written through a
     * temporary file and an atomic rename.
     */
    public static List<String> write(Path runDir, RunResult r, boolean onlyMissing) throws IOException {
        Files.createDirectories(runDir);
        List<String> written = new ArrayList<>();
        java.util.function.Predicate<String> wanted = name -> {
            boolean go = !onlyMissing || !Files.exists(runDir.resolve(name));
            if (go) {
                written.add(name);
            }
            return go;
        };
        if (wanted.test(METRICS_JSON)) {
            Json.write(runDir.resolve(METRICS_JSON), metrics(r));
        }
        if (wanted.test(TIMING_JSON)) {
            Json.write(runDir.resolve(TIMING_JSON), timing(r));
        }
        if (!r.history().isEmpty() && wanted.test(HISTORY_CSV)) {
            RunFolder.writeText(runDir.resolve(HISTORY_CSV), history(r));
        }
        // A run that diverged at once has a history but nothing finite to draw.
        List<BufferedImage> panels =
                Charts.runCurves(r).stream().map(Charts::image).toList();
        if (!panels.isEmpty() && wanted.test(CURVES_PNG)) {
            ComparisonReport.writeBytes(runDir.resolve(CURVES_PNG), Charts.png(panels));
        }
        Path gradients = runDir.resolve(GradientLog.CSV);
        if (Files.exists(gradients)) {
            List<BufferedImage> g =
                    Charts.gradientCurves(r.recipe() + " (seed " + r.seed() + ")", gradients(gradients)).stream()
                            .map(Charts::image)
                            .toList();
            if (!g.isEmpty() && wanted.test(GRADIENTS_PNG)) {
                ComparisonReport.writeBytes(runDir.resolve(GRADIENTS_PNG), Charts.png(g));
            }
        }
        return written;
    }

    /** The report files a finished run's folder lacks (a kill between the model and the last report). */
    public static List<String> missing(Path runDir) {
        List<String> reports = new ArrayList<>(List.of(METRICS_JSON, TIMING_JSON, HISTORY_CSV, CURVES_PNG));
        if (Files.exists(runDir.resolve(GradientLog.CSV))) {
            reports.add(GRADIENTS_PNG);
        }
        return reports.stream()
                .filter(name -> !Files.exists(runDir.resolve(name)))
                .toList();
    }

    /** The rows of a run's {@code gradients.csv} (as {@link GradientLog} writes it). */
    public static List<GradientStats.Row> gradients(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).equals(GradientLog.HEADER)) {
            throw new IOException(csv + ":1: expected the header " + GradientLog.HEADER);
        }
        List<GradientStats.Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            try {
                rows.add(new GradientStats.Row(
                        Integer.parseInt(c[0]),
                        c[1],
                        Double.parseDouble(c[2]),
                        Double.parseDouble(c[3]),
                        Double.parseDouble(c[4])));
            } catch (RuntimeException e) {
                throw new IOException(csv + ":" + (i + 1) + ": expected " + GradientLog.HEADER, e);
            }
        }
        return rows;
    }

    static ObjectNode metrics(RunResult r) {
        ObjectNode node = Json.object();
        node.put("recipe", r.recipe());
        node.put("family", r.family());
        node.put("task", r.task());
        node.put("dataset", r.dataset());
        if (!r.data().isEmpty()) {
            // What was read, so that the run can be checked against its data and evaluated on the same.
            var files = node.putArray("data");
            r.data().forEach(f -> files.addObject().put("file", f.file()).put("sha256", f.sha256()));
        }
        node.put("seed", r.seed());
        node.put("parameters", r.parameters());
        node.put("epochs", r.epochs());
        node.put("stop_reason", r.stopReason());
        node.set("test", Json.metrics(r.test()));
        return node;
    }

    static ObjectNode timing(RunResult r) {
        ObjectNode node = Json.object();
        node.put("recipe", r.recipe());
        node.put("seed", r.seed());
        Json.put(node, "train_seconds", r.trainSeconds());
        Json.put(node, "train_samples_per_second", r.trainSamplesPerSecond());
        Json.put(node, "inference_samples_per_second", r.inferenceSamplesPerSecond());
        Json.put(node, "latency_ms_p50", r.latencyMillisP50());
        node.put("peak_heap_bytes", r.peakHeapBytes());
        node.put("peak_resident_bytes", r.peakResidentBytes());
        return node;
    }

    /** One line per epoch; the validation column is named for what it holds (accuracy or RMSE); NaN is empty. */
    static String history(RunResult r) {
        String metric = r.test().higherIsBetter() ? "validation_accuracy" : "validation_rmse";
        StringBuilder csv = new StringBuilder(
                Csv.line(List.of("epoch", "train_loss", "validation_loss", metric, "samples_per_second", "seconds")));
        for (EpochStats e : r.history()) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(e.epoch()));
            for (double v : new double[] {
                e.trainLoss(), e.validationLoss(), e.validationMetric(), e.samplesPerSecond(), e.seconds()
            }) {
                cells.add(Formats.csv(v));
            }
            csv.append(Csv.line(cells));
        }
        return csv.toString();
    }
}
