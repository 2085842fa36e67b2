package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.data.DatasetStatus;
import io.github.dl4jzoo.data.Datasets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zoo data verify NAME}: checks a dataset's files against their published checksums. Exit 2 if one differs. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Check a dataset where it is found against its checksums (never downloads).")
final class DataVerifyCommand implements Callable<Integer> {
    @ParentCommand
    DataCommand data;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "A dataset id (see zoo data list), idx:DIR, csv:FILE or images:DIR.")
    String name;

    @Option(names = "--data", paramLabel = "DIR", description = "A folder holding the dataset's files.")
    Path dataDir;

    @Override
    public Integer call() {
        DatasetStatus s = Datasets.verify(name, data.locator(Optional.ofNullable(dataDir), List.of()));
        if (s.verification() == DatasetStatus.Verification.FAILED) {
            throw new Zoo.UserError(name + ": verification failed: " + s.detail());
        }
        spec.commandLine().getOut().println(DataCommand.line(s));
        return 0;
    }
}
