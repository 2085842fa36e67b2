package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.Published;
import io.github.dl4jzoo.train.SavedRun;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code zoo} command: each subcommand is a class of this package. */
@Command(
        name = "zoo",
        mixinStandardHelpOptions = true,
        version = "dl4j-zoo 0.1.0 (DL4J 1.0.0-M2.1)",
        description = "A model zoo for Deeplearning4j: run named recipes, compare and benchmark architectures.",
        subcommands = {
            ListCommand.class,
            ShowCommand.class,
            TrainCommand.class,
            CompareCommand.class,
            SweepCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            PublishCommand.class,
            FinetuneCommand.class,
            BenchCommand.class,
            DataCommand.class,
            InitCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Zoo {
    /** Exit code for bad input: a file, a value or a name the user gave. */
    static final int BAD_INPUT = 2;

    @Option(
            names = "--models",
            paramLabel = "DIR",
            description =
                    "A folder of recipe files, repeatable: --models models --models my-recipes (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:dl4jzoo.home:-.}/models",
            scope = CommandLine.ScopeType.INHERIT)
    List<Path> models;

    @Option(names = "--debug", description = "Print stack traces for errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    Registry registry() {
        return Registry.load(modelDirs());
    }

    List<Path> modelDirs() {
        return models.stream().map(Path::normalize).toList();
    }

    /** A recipe's published weights, looked for in the {@code weights} folder of each --models folder. */
    Published published(String name) {
        registry().file(name); // an unknown name is refused with the registry's suggestions
        return Published.find(modelDirs(), name);
    }

    /**
     * What evaluate and predict take: a run folder or model zip when such a path exists, else a recipe name,
     * whose published weights are verified and loaded.
     */
    SavedRun savedModel(String runOrName) {
        Engine.configure(); // before the model's layers exist: they pick their helpers when created
        Path path = Path.of(runOrName);
        if (Files.exists(path) || runOrName.contains("/") || runOrName.endsWith(".zip")) {
            return SavedRun.open(path);
        }
        return published(runOrName).load();
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given writers and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Zoo root = new Zoo();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out).setErr(err).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (root.debug) {
                e.printStackTrace(err);
            }
            if (e instanceof io.github.dl4jzoo.UserError) {
                err.println("zoo: " + e.getMessage());
                return BAD_INPUT;
            }
            err.println("zoo: internal error: " + e + (root.debug ? "" : " (run with --debug for the stack trace)"));
            return 1;
        });
        // A mistyped option or value is one line too, naming the option; --help shows the rest.
        cli.setParameterExceptionHandler((e, given) -> {
            CommandLine cmd = e.getCommandLine();
            String hint = "";
            if (e instanceof CommandLine.UnmatchedArgumentException u
                    && !u.getSuggestions().isEmpty()) {
                hint = " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
            }
            cmd.getErr()
                    .println("zoo: " + e.getMessage() + hint + "; see zoo "
                            + cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^zoo ?", "") + " --help");
            return BAD_INPUT;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            if (root.debug) {
                e.printStackTrace(err);
            }
            err.println(outOfMemory());
            code = 1;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** One line for a heap that ran out: how much was in use, and how to give the zoo more. */
    static String outOfMemory() {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long mb = 1024 * 1024;
        long suggest = Math.max(4, 2 * Math.max(heap.getMax(), heap.getUsed()) / (1024 * mb));
        return String.format(
                Locale.ROOT,
                "zoo: out of memory: the Java heap holds %,d MB of its %,d MB limit; give it more, e.g."
                        + " ZOO_JAVA_OPTS=-Xmx%dg ./zoo ...",
                heap.getUsed() / mb,
                heap.getMax() / mb,
                suggest);
    }

    /** Bad input found by a command itself: printed as one line, exit code 2. */
    static final class UserError extends io.github.dl4jzoo.UserError {
        UserError(String message) {
            super(message);
        }
    }
}
