package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.RecipeException;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.DataSources;
import io.github.dl4jzoo.init.InitException;
import io.github.dl4jzoo.init.Scaffold;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoo init DIR --recipe NAME}: a standalone DL4J Maven project from a recipe (see {@link Scaffold}). Checks
 * everything (the recipe, the names, the folder, the data to ship) before it writes anything.
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Write a standalone DL4J Maven project (network as builder code, data loader, Main, test)"
                + " for a recipe.")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    Zoo zoo;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The folder to write (created if missing; must be empty).")
    Path dir;

    @Option(names = "--recipe", required = true, paramLabel = "NAME", description = "A recipe name (see zoo list).")
    String recipe;

    @Option(
            names = "--package",
            paramLabel = "PACKAGE",
            description = "The Java package of the sources (default: ${DEFAULT-VALUE}).")
    String javaPackage = "com.example.app";

    @Option(names = "--name", paramLabel = "ARTIFACT", description = "The Maven artifactId (default: the recipe name).")
    String name;

    @Option(names = "--force", description = "Write into a folder that is not empty, replacing files of the same name.")
    boolean force;

    @Override
    public Integer call() {
        try {
            Registry registry = zoo.registry();
            Path file = registry.file(recipe);
            Recipe r = registry.get(recipe);
            Scaffold.Options options = new Scaffold.Options(javaPackage, name == null ? r.name() : name);
            Scaffold.checkTarget(dir, force);
            Scaffold.Project project =
                    Scaffold.project(r, Files.readString(file), options, DataSources.standard(), command(options));
            Scaffold.write(dir, project);
            print(spec.commandLine().getOut(), r, options, project);
            return 0;
        } catch (InitException e) {
            throw new Zoo.UserError(e.getMessage());
        } catch (IOException e) {
            throw new RecipeException(recipe + ": cannot read the recipe file: " + e.getMessage());
        }
    }

    /** The command as the README records it. */
    private String command(Scaffold.Options options) {
        Path folder = dir.toAbsolutePath().normalize().getFileName();
        return "zoo init " + (folder == null ? dir : folder) + " --recipe " + recipe + " --package "
                + options.javaPackage() + " --name " + options.artifactId();
    }

    /** What was written, folder by folder, then the commands to run next. */
    private void print(PrintWriter out, Recipe r, Scaffold.Options options, Scaffold.Project project) {
        out.println("wrote " + dir + ": recipe " + r.name() + " as a standalone DL4J project (package "
                + options.javaPackage() + ", artifact " + options.artifactId() + ")");
        Map<String, List<String>> folders = new LinkedHashMap<>();
        for (String path : project.files().keySet()) {
            int slash = path.lastIndexOf('/');
            String folder = slash < 0 ? "./" : path.substring(0, slash + 1);
            folders.computeIfAbsent(folder, f -> new ArrayList<>()).add(path.substring(slash + 1));
        }
        int width = folders.keySet().stream().mapToInt(String::length).max().orElse(0);
        folders.forEach((folder, names) -> {
            String what = project.folderNotes().getOrDefault(folder, String.join("  ", names));
            out.println("  " + folder + " ".repeat(width - folder.length() + 2) + what);
        });
        String test = "mvn -q test";
        String run = "mvn -q package -DskipTests && java -jar target/" + options.artifactId() + ".jar";
        String pad = " ".repeat(run.length() - test.length());
        out.println("next:");
        out.println("  cd " + quoted(dir.toString()));
        out.println("  " + test + pad + "  # build, then run NetworkTest: "
                + (r.usesStep() ? "gradient descent moves nothing" : "one short epoch"));
        out.println("  " + run + "  "
                + (project.trainData() == null
                        ? "# train for the recipe's " + r.epochs() + " epochs"
                        : "# train on " + project.trainData()));
    }

    private static String quoted(String path) {
        return path.matches("[A-Za-z0-9_./@:+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
