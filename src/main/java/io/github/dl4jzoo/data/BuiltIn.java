package io.github.dl4jzoo.data;

import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The teaching sets made in code: {@code xor} (inputs x1, x2) and {@code xor-bias} (x1, x2 and a constant 1, so
 * a network without biases can still learn XOR); targets 0, 1, 1, 0 as a {@code [4, 1]} column. A project
 * {@code zoo init} writes has the four rows inline.
 */
final class BuiltIn implements DataKind {
    static final String NAME = "built-in";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> pathArgument() {
        return Optional.empty();
    }

    @Override
    public String description() {
        return "a built-in teaching set";
    }

    @Override
    public boolean readsDataFlag(DatasetId id) {
        return false; // the rows are in the code
    }

    /** The four rows, full batch; the test set is the training set (the question XOR asks is "did it learn?"). */
    @Override
    public Splits load(DatasetId id, DataRequest request) {
        DataSet rows = rows(id.id());
        if (rows.getFeatures().size(1) != request.features()) {
            throw new DataException(id.id() + ": expected a network with "
                    + rows.getFeatures().size(1) + " inputs, got " + request.features());
        }
        return new Splits(
                id.id(),
                new ListDataSetIterator<>(rows.asList(), request.batchSize()),
                Optional.empty(),
                new ListDataSetIterator<>(rows.asList(), request.batchSize()),
                List.of("0", "1"),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of());
    }

    static DataSet rows(String id) {
        float[][] inputs = id.equals("xor")
                ? new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}
                : new float[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};
        float[][] targets = {{0}, {1}, {1}, {0}};
        return new DataSet(Nd4j.createFromArray(inputs), Nd4j.createFromArray(targets));
    }

    @Override
    public DatasetStatus status(DatasetId id, Locator locator) {
        KnownDataset d = id.requireKnown();
        return new DatasetStatus(
                d.id(), d.description(), Where.BUILT_IN, "built-in", 0, Verification.NO_CHECKSUM, "made in code");
    }

    @Override
    public boolean scaffolds(DatasetId id) {
        return true;
    }

    /** The perceptron's data: its rule, not gradient descent, trains a step network. */
    @Override
    public boolean takesSteps() {
        return true;
    }

    @Override
    public String misfit(ProjectSpec spec) {
        int inputs = bias(spec) ? 3 : 2;
        DataRequest in = spec.input();
        if (in.layout() != Layout.FLAT || in.features() != inputs) {
            return "input: expected {features: " + inputs + "} for "
                    + spec.dataset().id();
        }
        return spec.outputs() != 1 ? "output.units: expected 1, the XOR of the inputs" : null;
    }

    @Override
    public ProjectPart project(ProjectSpec spec, Map<String, String> tokens, DataSources sources) {
        boolean bias = bias(spec);
        tokens.put(
                "DATA_DOC",
                bias
                        ? "XOR's truth table with a constant third input of 1 (a bias input): 4 rows."
                        : "XOR's truth table: 4 rows of two inputs.");
        tokens.put(
                "INPUTS", bias ? "{{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}}" : "{{0, 0}, {0, 1}, {1, 0}, {1, 1}}");
        return new ProjectPart(
                "Xor",
                List.of("XorData.java"),
                Map.of(),
                Map.of(),
                null,
                "the four rows of XOR",
                "[EPOCHS]",
                "`mvn package` writes one runnable jar with DL4J and this machine's natives inside. EPOCHS"
                        + " (full-batch steps) defaults to the recipe's " + spec.epochs() + ". Main prints"
                        + " the loss, then the output for each row, and saves the network to `target/"
                        + spec.recipe() + ".zip`.",
                "| `XorData.java` | the four rows |\n",
                "",
                "");
    }

    private static boolean bias(ProjectSpec spec) {
        return spec.dataset().id().equals("xor-bias");
    }
}
