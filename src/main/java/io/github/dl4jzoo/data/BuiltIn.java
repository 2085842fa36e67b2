package io.github.dl4jzoo.data;

import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The teaching sets made in code: {@code xor} (inputs x1, x2) and {@code xor-bias} (x1, x2 and a constant 1, so
 * a network without biases can still learn XOR); targets 0, 1, 1, 0 as a {@code [4, 1]} column.
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
}
