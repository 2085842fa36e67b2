package io.github.dl4jzoo.cli;

import io.github.dl4jzoo.data.Subset;
import io.github.dl4jzoo.report.Formats;
import io.github.dl4jzoo.report.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zoo data subset}: a stratified, seeded subset of an IDX dataset, written as reproducible
 * IDX .gz files (how the embedded fashion-mnist-sample was made).
 */
@Command(
        name = "subset",
        mixinStandardHelpOptions = true,
        description = "Write a stratified subset (equal images per class) of an IDX dataset.")
final class DataSubsetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The IDX folder to take images from.")
    Path from;

    @Option(
            names = "--train",
            required = true,
            paramLabel = "N",
            converter = Bounds.Count.class,
            description = "Training images (a multiple of the classes).")
    int train;

    @Option(
            names = "--test",
            required = true,
            paramLabel = "N",
            converter = Bounds.Count.class,
            description = "Test images (a multiple of the classes).")
    int test;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "Seed of the draw.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the four .gz files.")
    Path out;

    @Option(names = "--overwrite", description = "Replace the four files if --out already holds them.")
    boolean overwrite;

    @Override
    public Integer call() {
        Subset.Result result = Subset.write(from, train, test, seed, out, overwrite);
        PrintWriter w = spec.commandLine().getOut();
        Table t = new Table("FILE", "SHA-256 (DECOMPRESSED)", "BYTES").alignRight(2);
        for (Subset.FileDigest f : result.files()) {
            t.row(f.name(), f.sha256(), Formats.count(f.contentBytes()));
        }
        w.print(t);
        w.println("per class: train " + Arrays.toString(result.trainPerClass()) + ", test "
                + Arrays.toString(result.testPerClass()));
        w.println("written to " + out);
        return 0;
    }
}
