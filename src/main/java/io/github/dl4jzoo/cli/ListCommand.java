package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.report.Formats;
import io.github.dl4jzoo.report.Table;
import io.github.dl4jzoo.train.Published;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zoo list [PATTERN]}: the catalogue. Reads recipe files only, never ND4J's native code, so it is instant. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List recipes: name, family, task, dataset, parameters, published weights' headline metric.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    Zoo zoo;

    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "PATTERN",
            description = "Names to show, with * and ? wildcards (default: all).")
    String pattern = "*";

    @Override
    public Integer call() {
        Registry registry = zoo.registry();
        List<String> names = registry.list(pattern);
        if (names.isEmpty()) {
            throw new Zoo.UserError("no recipe matches '" + pattern + "' (zoo list shows them all)");
        }
        Table t = new Table("NAME", "FAMILY", "TASK", "DATASET", "PARAMS", "PUBLISHED WEIGHTS").alignRight(4);
        for (String n : names) {
            Recipe r = registry.get(n);
            Published weights = Published.find(zoo.modelDirs(), n);
            String published = weights.exists() ? weights.readCard().headline() : "-";
            t.row(n, r.family(), r.task().id(), r.dataset(), Formats.count(r.parameterCount()), published);
        }
        spec.commandLine().getOut().print(t);
        return 0;
    }
}
