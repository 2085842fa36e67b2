package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.data.DatasetStatus;
import io.github.dl4jzoo.data.Downloader;
import io.github.dl4jzoo.data.Locator;
import io.github.dl4jzoo.report.Formats;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zoo data list|fetch|verify|subset}: where the datasets are, getting them, checking them. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Datasets: list where each is found, fetch, verify checksums, make a stratified subset.",
        subcommands = {
            DataListCommand.class,
            DataFetchCommand.class,
            DataVerifyCommand.class,
            DataSubsetCommand.class,
            CommandLine.HelpCommand.class
        })
final class DataCommand implements Runnable {
    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Where downloads go and are looked for (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:user.home}/.dl4j-zoo/data",
            scope = CommandLine.ScopeType.INHERIT)
    Path cache;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "expected a subcommand: list, fetch, verify, subset");
    }

    /** The lookup places of this machine, with the cache, dir flag and mirrors given on the command line. */
    Locator locator(Optional<Path> dirFlag, List<URI> baseUrls) {
        Locator defaults = Locator.defaults(dirFlag);
        return new Locator(
                dirFlag,
                defaults.dataHome(),
                cache,
                true,
                baseUrls.isEmpty() ? Optional.empty() : Optional.of(baseUrls),
                Downloader.standard());
    }

    /** One line per dataset for fetch and verify: id, where, location, size, verification. */
    static String line(DatasetStatus s) {
        return s.id() + ": " + where(s) + " " + s.location() + ", " + Formats.count(s.sizeBytes()) + " bytes, "
                + verified(s) + (s.detail().isEmpty() ? "" : " (" + s.detail() + ")");
    }

    static String where(DatasetStatus s) {
        return s.where().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static String verified(DatasetStatus s) {
        return switch (s.verification()) {
            case VERIFIED -> "verified";
            case FAILED -> "FAILED";
            case NO_CHECKSUM -> "no checksum";
            case MISSING -> "-";
        };
    }
}
