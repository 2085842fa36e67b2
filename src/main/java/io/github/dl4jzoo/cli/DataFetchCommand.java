package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.data.DatasetStatus;
import io.github.dl4jzoo.data.Datasets;
import java.net.URI;
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

/** {@code zoo data fetch NAME}: finds the dataset, or downloads it into the cache and verifies it. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = "Make a dataset available: found where it is, or downloaded into the cache and verified.")
final class DataFetchCommand implements Callable<Integer> {
    @ParentCommand
    DataCommand data;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "A dataset id (see zoo data list).")
    String name;

    @Option(names = "--data", paramLabel = "DIR", description = "A folder holding the dataset's files.")
    Path dataDir;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "Download from these base URLs, in order, instead of the dataset's own hosts (repeatable).")
    List<URI> baseUrls = List.of();

    @Override
    public Integer call() {
        DatasetStatus s = Datasets.fetch(name, data.locator(Optional.ofNullable(dataDir), baseUrls));
        if (s.verification() == DatasetStatus.Verification.FAILED) {
            throw new Zoo.UserError(name + ": verification failed: " + s.detail());
        }
        spec.commandLine().getOut().println(DataCommand.line(s));
        return 0;
    }
}
