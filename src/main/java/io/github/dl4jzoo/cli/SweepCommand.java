package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.api.Cluster;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeException;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.report.ComparisonReport;
import io.github.dl4jzoo.report.SweepReport;
import io.github.dl4jzoo.train.Environment;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.TrainData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoo sweep}: recipes × grid values × seeds, each run one Spark task, then the comparison report with a
 * table and a plot of each swept key. Every grid point is validated as {@code --set} would before any task starts.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Train recipes x grid values x seeds as Apache Spark tasks and write a comparison report with the swept"
                    + " values against the metric."
        })
final class SweepCommand implements Callable<Integer> {
    static final String DEFAULT_MASTER = "local[*]";

    @ParentCommand
    Zoo zoo;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAMES", description = "Recipe names or patterns.")
    List<String> names = new ArrayList<>();

    @Option(
            names = "--grid",
            paramLabel = "KEY=V1,V2,...",
            description = "A recipe field and the values to try, repeatable (the cross product is swept).")
    List<String> grid = new ArrayList<>();

    @Option(
            names = "--seeds",
            paramLabel = "N",
            converter = Bounds.Seeds.class,
            description = "Seeds per grid point (default: 1).")
    int seeds = 1;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Report folder: a local path, or a Hadoop URI (hdfs:, s3a:) for the run folders"
                    + " (default: runs/sweep-<timestamp>).")
    String out;

    @Option(names = "--overwrite", description = "Empty the report folder first if it exists.")
    boolean overwrite;

    @Mixin
    TrainCommand.RunOptions run;

    /** One swept key and its values, in the order given. */
    record Axis(String key, List<String> values) {}

    @Override
    public Integer call() {
        String master = run.master != null ? run.master : DEFAULT_MASTER;
        List<Axis> axes = axes(grid);
        Registry registry = zoo.registry();
        List<String> recipes = registry.expand(names);
        List<Map<String, String>> points = crossProduct(axes);

        List<Cluster.Run> runs = new ArrayList<>();
        List<SweepReport.Point> labels = new ArrayList<>();
        for (String name : recipes) {
            for (Map<String, String> point : points) {
                List<String> overrides = run.recipeOverrides();
                point.forEach((k, v) -> overrides.add(k + "=" + v));
                Recipe base = validated(registry, name, overrides, point);
                TrainData.checkData(base, java.util.Optional.ofNullable(run.data));
                for (int i = 0; i < seeds; i++) {
                    List<String> seeded = new ArrayList<>(overrides);
                    seeded.add("seed=" + (base.seed() + i));
                    StringBuilder folder = new StringBuilder(name);
                    point.forEach(
                            (k, v) -> folder.append("--").append(k).append('=').append(v));
                    folder.append("--seed").append(base.seed() + i);
                    runs.add(new Cluster.Run(name, seeded, folder.toString().replaceAll("[^A-Za-z0-9._=-]", "_")));
                    labels.add(new SweepReport.Point(name, point, null));
                }
            }
        }

        Cluster cluster = Cluster.find();
        boolean remote = isUri(out);
        Path reportDir = remote
                ? tempDir()
                : out == null
                        ? defaultDir()
                        : out.startsWith("file:") ? Path.of(java.net.URI.create(out)) : Path.of(out);
        // A comparison folder like zoo compare's: only a folder the zoo marked as one is emptied, and only of the
        // zoo's files; it is locked while the sweep writes it.
        try (RunFolder folder = RunFolder.create(reportDir, overwrite || remote, RunFolder.Kind.COMPARISON)) {
            String target = remote ? out : folder.dir().toAbsolutePath().toString();
            PrintWriter w = spec.commandLine().getOut();
            List<RunResult> trained = cluster.trainAll(master, run.settings(zoo), runs, target, w);

            List<RunResult> results = new ArrayList<>();
            List<SweepReport.Point> swept = new ArrayList<>();
            for (int i = 0; i < trained.size(); i++) {
                SweepReport.Point p = labels.get(i);
                RunResult r = trained.get(i);
                w.println(TrainCommand.summary(r));
                RunResult labelled = r.relabelled(SweepReport.label(p.recipe(), p.values()), r.runDir());
                results.add(labelled);
                swept.add(new SweepReport.Point(p.recipe(), p.values(), labelled));
            }
            Map<String, String> env = Environment.describe();
            int atOnce = Math.min(cluster.concurrentTasks(master), runs.size());
            if (atOnce > 1) {
                env.put(
                        "runs at once",
                        atOnce + " (Spark " + master + "): times and samples/s were measured side by side");
            }
            env.put(
                    "command",
                    "./zoo sweep "
                            + String.join(
                                    " ", spec.commandLine().getParseResult().originalArgs()));
            try {
                ComparisonReport.write(folder.dir(), results, env);
                if (!axes.isEmpty()) {
                    SweepReport.write(folder.dir(), axes.stream().map(Axis::key).toList(), swept);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(folder.dir() + ": cannot write the report: " + e.getMessage(), e);
            }
            cluster.publish(folder.dir(), target);
            w.println();
            w.print(io.github.dl4jzoo.report.Table.results(results));
            w.println("report: " + (remote ? out + "/" : folder.dir() + "/") + ComparisonReport.REPORT_HTML);
            return 0;
        }
    }

    /** {@code --grid KEY=V1,V2}: refused when malformed, or when a key is given twice. */
    static List<Axis> axes(List<String> grid) {
        Map<String, Axis> axes = new LinkedHashMap<>();
        for (String g : grid) {
            int eq = g.indexOf('=');
            List<String> values =
                    eq < 0 ? List.of() : List.of(g.substring(eq + 1).split(",", -1));
            if (eq <= 0 || values.stream().anyMatch(String::isBlank)) {
                throw new Zoo.UserError("--grid: expected KEY=V1,V2,... (e.g. updater.lr=0.001,0.003), got " + g);
            }
            String key = g.substring(0, eq).trim();
            if (axes.containsKey(key)) {
                throw new Zoo.UserError("--grid: " + key + " is given twice; list all its values in one --grid");
            }
            axes.put(key, new Axis(key, values.stream().map(String::trim).toList()));
        }
        return List.copyOf(axes.values());
    }

    static List<Map<String, String>> crossProduct(List<Axis> axes) {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Axis a : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : a.values()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(a.key(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    /**
     * The recipe at one grid point, checked as --set checks it; a bad value names the --grid it came from (a field a
     * grid value set, or else the whole point).
     */
    private static Recipe validated(Registry registry, String name, List<String> overrides, Map<String, String> point) {
        try {
            return registry.get(name, overrides);
        } catch (RecipeException e) {
            String m = e.getMessage();
            for (Map.Entry<String, String> x : point.entrySet()) {
                String set = "--set " + x.getKey() + "=" + x.getValue() + ": ";
                if (m.startsWith(set)) {
                    throw new Zoo.UserError("--grid " + m.substring("--set ".length()));
                }
            }
            String where = point.isEmpty() || m.startsWith("--set ")
                    ? ""
                    : "--grid "
                            + String.join(
                                    ", ",
                                    point.entrySet().stream()
                                            .map(x -> x.getKey() + "=" + x.getValue())
                                            .toList())
                            + ": ";
            throw new Zoo.UserError(where + m);
        }
    }

    private static boolean isUri(String out) {
        return out != null && out.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !out.startsWith("file:");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("zoo-sweep-report");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path defaultDir() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(System.getProperty("dl4jzoo.home", "."), "runs", "sweep-" + stamp)
                .normalize();
    }
}
