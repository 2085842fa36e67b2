package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.api.Comparison;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoo compare}: several recipes on the same data, split and budget, side by side ({@link
 * io.github.dl4jzoo.api.Zoo#compare}). With no names, the two reference suites on the embedded data.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Train recipes on the same data under the same budget and write a comparison report.",
            "With no NAMES: the image suite and the time-series suite on the embedded data."
        })
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    Zoo zoo;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "NAMES", description = "Recipe names or patterns (lenet*, *forecast*).")
    List<String> names = new ArrayList<>();

    @Option(
            names = "--suite",
            paramLabel = "images|timeseries",
            description = "A reference suite (default with no NAMES: both).")
    String suite;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            converter = Bounds.Seeds.class,
            description = "Repeat each recipe with N seeds and report mean and standard deviation (default: 1).")
    int seeds = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: runs/compare-<timestamp>).")
    Path out;

    @Option(names = "--overwrite", description = "Empty the report folder first if it exists.")
    boolean overwrite;

    @Mixin
    TrainCommand.RunOptions run;

    /**
     * The command that, run from the repository root, trains the same comparison again: the arguments as given
     * (they start at the root, so "compare" is among them; paths made absolute, so they do not depend on the
     * folder it was run from), less where the report went.
     */
    static String reproduce(List<String> args) {
        List<String> words = new ArrayList<>(List.of("./zoo"));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (option.equals("--out") || option.equals("--overwrite")) {
                i += option.equals("--out") && !a.contains("=") ? 1 : 0;
                continue;
            }
            if ((a.equals("--models") || a.equals("--data")) && i + 1 < args.size()) {
                words.add(a);
                a = Path.of(args.get(++i)).toAbsolutePath().normalize().toString();
            }
            words.add(a);
        }
        return words.stream().map(CompareCommand::shellWord).collect(java.util.stream.Collectors.joining(" "));
    }

    /** A word as a POSIX shell reads it back: quoted when it holds anything but plain characters. */
    static String shellWord(String w) {
        return w.matches("[A-Za-z0-9_./:=+,@%-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }

    @Override
    public Integer call() {
        if (suite != null && !names.isEmpty()) {
            throw new Zoo.UserError("compare: give recipe NAMES or --suite, not both");
        }
        PrintWriter w = spec.commandLine().getOut();
        Comparison c = suite != null
                ? io.github.dl4jzoo.api.Zoo.suite(suite)
                : io.github.dl4jzoo.api.Zoo.compare(names.toArray(String[]::new));
        c.seeds(seeds)
                .overwrite(overwrite)
                .onEach(r -> w.println(TrainCommand.summary(r)))
                .command(reproduce(spec.commandLine().getParseResult().originalArgs()));
        if (out != null) {
            c.out(out);
        }
        Comparison.Result result = run.applyTo(c, zoo, w).run();
        w.println();
        w.print(result.table());
        w.println("report: " + result.reportHtml());
        return 0;
    }
}
