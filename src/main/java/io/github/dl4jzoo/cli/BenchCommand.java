package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.bench.Benchmark;
import io.github.dl4jzoo.report.Formats;
import io.github.dl4jzoo.report.Json;
import io.github.dl4jzoo.report.Table;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zoo bench}: training and inference speed and memory of recipes, on their real data by default. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmark recipes: training and inference samples/s, latency, FLOPs, GFLOP/s and peak memory.",
        footer = {
            "",
            "Speeds are the median, min and max over timed iterations after a warm-up, on batches made before timing.",
            "Saves models/results/bench-<cpu>-<backend>.csv, one row per recipe (rows of other recipes are kept)."
        })
final class BenchCommand implements Callable<Integer> {
    static final List<String> PEER_RECIPES = List.of("mlp", "lenet5", "seed-cnn", "lstm-rows");
    private static final int GEMM_SIDE = 2048;
    private static final int GEMM_REPEATS = 5;
    private static final String HEADER = "recipe,params,batch,train_samples_per_s,train_ms_median,train_ms_min,"
            + "train_ms_max,infer_samples_per_s,latency_ms_p50,latency_ms_p99,forward_mflop_per_example,train_gflops,"
            + "peak_heap_mb,peak_resident_mb";

    @ParentCommand
    Zoo zoo;

    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "0..*",
            paramLabel = "NAMES",
            description = "Recipe names or patterns (default: the four PyTorch-peer recipes).")
    List<String> names = new ArrayList<>();

    @Option(
            names = "--batch",
            paramLabel = "N",
            converter = Bounds.Count.class,
            description = "Batch size (default: each recipe's).")
    Integer batch;

    @Option(
            names = "--threads",
            paramLabel = "N",
            converter = Bounds.Threads.class,
            description = "ND4J/OpenMP/BLAS threads (default: the engine's choice).")
    Integer threads;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            converter = Bounds.CountOrNone.class,
            description = "Untimed iterations first (default: ${DEFAULT-VALUE}).")
    int warmup = 10;

    @Option(
            names = "--iters",
            paramLabel = "N",
            converter = Bounds.Count.class,
            description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    int iterations = 40;

    @Option(names = "--data", paramLabel = "PATH", description = "The dataset's folder (IDX) or file (CSV).")
    Path data;

    @Option(names = "--synthetic", description = "Random inputs of each recipe's shape instead of its dataset.")
    boolean synthetic;

    @Option(
            names = "--format",
            paramLabel = "table|csv|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format = "table";

    @Option(
            names = "--gemm",
            description = "Also measure this machine's fp32 GEMM peak (2048x2048) and each recipe's share of it.")
    boolean gemm;

    @Option(names = "--no-save", description = "Do not write models/results/bench-*.csv.")
    boolean noSave;

    @Override
    public Integer call() {
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new Zoo.UserError("--format: expected table, csv or json, got " + format);
        }
        if (threads != null) {
            System.setProperty("dl4jzoo.threads", threads.toString()); // read once, by Engine.configure below
        }
        Map<String, String> env = Environment.describe(); // configures the engine before any network exists
        Registry registry = zoo.registry();
        List<String> recipes = names.isEmpty() ? PEER_RECIPES : registry.expand(names);
        Benchmark.Settings settings = new Benchmark.Settings(warmup, iterations, synthetic, Optional.ofNullable(data));
        PrintWriter out = spec.commandLine().getOut();
        double peak = gemm ? Benchmark.gemmGflops(GEMM_SIDE, GEMM_REPEATS) : Double.NaN;
        List<Benchmark.Result> results = new ArrayList<>();
        for (String name : recipes) {
            Recipe r = registry.get(name, batch == null ? List.of() : List.of("batchSize=" + batch));
            try {
                results.add(Benchmark.run(r, settings));
            } catch (IllegalArgumentException e) {
                throw new Zoo.UserError(e.getMessage());
            }
        }
        switch (format) {
            case "csv" -> out.print(csv(results, env));
            case "json" -> out.print(Json.text(
                    Map.of("environment", env, "gemm_gflops", gemm ? peak : "not measured", "results", results)));
            default -> out.print(table(results, peak, env));
        }
        if (!noSave) {
            Path file = save(results, env);
            if (format.equals("table")) {
                out.println("saved: " + file);
            }
        }
        return 0;
    }

    static String table(List<Benchmark.Result> results, double gemmPeak, Map<String, String> env) {
        List<String> header = new ArrayList<>(List.of(
                "RECIPE",
                "PARAMS",
                "BATCH",
                "TRAIN/S",
                "MS MEDIAN [MIN-MAX]",
                "INFER/S",
                "P50 MS",
                "P99 MS",
                "MFLOP/EX",
                "GFLOP/S",
                "HEAP MB",
                "RSS MB"));
        if (!Double.isNaN(gemmPeak)) {
            header.add(10, "% PEAK");
        }
        Table t = new Table(header.toArray(String[]::new));
        int[] right = new int[header.size() - 1];
        for (int i = 1; i < header.size(); i++) {
            right[i - 1] = i;
        }
        t.alignRight(right);
        for (Benchmark.Result r : results) {
            List<Object> row = new ArrayList<>(List.of(
                    r.recipe(),
                    Formats.count(r.parameters()),
                    r.batch(),
                    Formats.count(Math.round(r.trainSamplesPerSecond())),
                    String.format(
                            Locale.ROOT,
                            "%.2f [%.2f-%.2f]",
                            r.train().medianMs(),
                            r.train().minMs(),
                            r.train().maxMs()),
                    Formats.count(Math.round(r.inferenceSamplesPerSecond())),
                    String.format(Locale.ROOT, "%.3f", r.latencyP50Ms()),
                    String.format(Locale.ROOT, "%.3f", r.latencyP99Ms()),
                    String.format(Locale.ROOT, "%.2f", r.forwardFlopsPerExample() / 1e6),
                    String.format(Locale.ROOT, "%.2f", r.trainGflops()),
                    Formats.count(r.peakHeapBytes() / 1_000_000),
                    Formats.count(r.peakResidentBytes() / 1_000_000)));
            if (!Double.isNaN(gemmPeak)) {
                row.add(10, String.format(Locale.ROOT, "%.1f%%", 100 * r.trainGflops() / gemmPeak));
            }
            t.row(row.toArray());
        }
        String gemmLine = Double.isNaN(gemmPeak)
                ? ""
                : String.format(Locale.ROOT, "fp32 GEMM %dx%d: %.1f GFLOP/s%n", GEMM_SIDE, GEMM_SIDE, gemmPeak);
        return t + gemmLine + "cpu: " + env.get("cpu") + ", " + env.get("cores") + " cores; " + engine(env) + "\n";
    }

    private static String engine(Map<String, String> env) {
        return "backend " + env.get("backend") + ", BLAS " + env.get("blas") + ", " + env.get("nd4j threads")
                + " threads";
    }

    static String csvRow(Benchmark.Result r) {
        return String.join(
                ",",
                r.recipe(),
                Long.toString(r.parameters()),
                Integer.toString(r.batch()),
                f(r.trainSamplesPerSecond(), 1),
                f(r.train().medianMs(), 3),
                f(r.train().minMs(), 3),
                f(r.train().maxMs(), 3),
                f(r.inferenceSamplesPerSecond(), 1),
                f(r.latencyP50Ms(), 4),
                f(r.latencyP99Ms(), 4),
                f(r.forwardFlopsPerExample() / 1e6, 4),
                f(r.trainGflops(), 3),
                f(r.peakHeapBytes() / 1e6, 1),
                f(r.peakResidentBytes() / 1e6, 1));
    }

    static String csv(List<Benchmark.Result> results, Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append("# ").append(k).append(": ").append(v).append('\n'));
        sb.append(HEADER).append('\n');
        results.forEach(r -> sb.append(csvRow(r)).append('\n'));
        return sb.toString();
    }

    private static String f(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** Merges the rows into the machine's file: measured recipes replaced, others kept, sorted by name. */
    static Path save(List<Benchmark.Result> results, Map<String, String> env) {
        String cpu = env.get("cpu")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        // the native library's folder names the backend build, e.g. linux-x86_64-onednn
        String backend = Engine.nativeLibrary()
                .replace("/libnd4jcpu.so", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        Path file = Path.of(
                        System.getProperty("dl4jzoo.home", "."),
                        "models",
                        "results",
                        "bench-" + cpu + "-" + backend + ".csv")
                .normalize();
        Map<String, String> rows = new TreeMap<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.startsWith("#") && !line.startsWith("recipe,") && !line.isBlank()) {
                        rows.put(line.substring(0, line.indexOf(',')), line);
                    }
                }
            }
            results.forEach(r -> rows.put(r.recipe(), csvRow(r)));
            Files.createDirectories(file.getParent());
            StringBuilder sb = new StringBuilder();
            new LinkedHashMap<>(env)
                    .forEach((k, v) ->
                            sb.append("# ").append(k).append(": ").append(v).append('\n'));
            sb.append(HEADER).append('\n');
            rows.values().forEach(l -> sb.append(l).append('\n'));
            io.github.dl4jzoo.train.RunFolder.write(file, tmp -> Files.writeString(tmp, sb.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
