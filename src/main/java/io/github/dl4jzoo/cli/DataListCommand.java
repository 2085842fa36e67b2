package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.data.DatasetStatus;
import io.github.dl4jzoo.data.Datasets;
import io.github.dl4jzoo.report.Formats;
import io.github.dl4jzoo.report.Table;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zoo data list}: every dataset id, where it was found, its size, and whether it verifies. Never downloads. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List the datasets: where each was found (or missing), size, checksums verified.")
final class DataListCommand implements Callable<Integer> {
    @ParentCommand
    DataCommand data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<DatasetStatus> all = Datasets.list(data.locator(Optional.empty(), List.of()));
        Table t = new Table("ID", "WHERE", "LOCATION", "BYTES", "VERIFIED").alignRight(3);
        for (DatasetStatus s : all) {
            t.row(s.id(), DataCommand.where(s), s.location(), Formats.count(s.sizeBytes()), DataCommand.verified(s));
        }
        spec.commandLine().getOut().print(t);
        return 0;
    }
}
