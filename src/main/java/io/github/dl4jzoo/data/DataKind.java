package io.github.dl4jzoo.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One data format: how a dataset of it is located, loaded, verified, described, read for prediction and written
 * into a standalone project by {@code zoo init}. A new format is one class implementing this, added to
 * {@link Datasets#KINDS}; datasets known by name name their kind in the {@link Catalog}. The project part is
 * optional: a kind that answers {@link #scaffolds} for some of its datasets implements {@link #misfit} and
 * {@link #project}, and keeps the loader templates it names beside {@code zoo init}'s other templates.
 */
public interface DataKind {
    /** The kind's name, which is also the prefix of its path ids ({@code idx} for {@code idx:DIR}). */
    String name();

    /** What follows {@code NAME:} in a path id ({@code DIR}, {@code FILE}); empty if the kind takes no paths. */
    Optional<String> pathArgument();

    /** One line: what the kind's datasets are, for help and for {@code zoo data verify} of a path id. */
    String description();

    /**
     * Whether a {@code --data} path stands in for the dataset's files. By default a named dataset reads it and a
     * path id, which names its path already, does not; a flag a dataset does not read is refused, never ignored.
     */
    default boolean readsDataFlag(DatasetId id) {
        return id.path().isEmpty();
    }

    /** Reads the dataset and shapes it as {@code request} asks; fails with one line naming the file. */
    Splits load(DatasetId id, DataRequest request);

    /**
     * Where the dataset is, its size and whether it verifies ({@link DatasetStatus.Where#MISSING} if it is
     * nowhere). Never downloads. A path id is checked for structure, since nothing publishes its checksum.
     */
    DatasetStatus status(DatasetId id, Locator locator);

    /** As {@link #status}, but a dataset that is nowhere is an error saying how to provide it. */
    default DatasetStatus verify(DatasetId id, Locator locator) {
        return status(id, locator);
    }

    /** Makes the dataset available, downloading it if it must and may; the same as status unless overridden. */
    default DatasetStatus fetch(DatasetId id, Locator locator) {
        return status(id, locator);
    }

    /**
     * Examples for a trained model to predict from: the file (or folder) a user gives, read as the training
     * data was and shaped as {@code request} says.
     *
     * @param invert turn dark-on-light pictures into light-on-dark (for MNIST-style data)
     * @param limit at most this many examples
     */
    default Examples examples(DatasetId id, Path input, DataRequest request, boolean invert, int limit) {
        throw new DataException(id.id() + ": predict on new input is not supported for " + description());
    }

    /** Examples to predict: one name per row of {@code features} (a file name, "image 3"). */
    record Examples(List<String> names, INDArray features) {}

    /** Whether {@code zoo init} writes projects for this dataset; none by default, and it is refused. */
    default boolean scaffolds(DatasetId id) {
        return false;
    }

    /** Whether a network of step units may be written for this data (gradient descent moves nothing there). */
    default boolean takesSteps() {
        return false;
    }

    /**
     * What the network must read or give for this data ("input: expected ..."), or null if it fits; asked only
     * of a dataset the kind {@link #scaffolds}.
     */
    default String misfit(ProjectSpec spec) {
        throw new UnsupportedOperationException(name() + ": writes no projects");
    }

    /**
     * The project's data part for a network that fits; {@code tokens} hold what every template reads, and this
     * adds what its own templates read. Asked only of a dataset the kind {@link #scaffolds}; {@code sources} is
     * where the data it ships is taken from.
     */
    default ProjectPart project(ProjectSpec spec, Map<String, String> tokens, DataSources sources) {
        throw new UnsupportedOperationException(name() + ": writes no projects");
    }

    /**
     * The data part of a generated project.
     *
     * @param prefix of the Main and NetworkTest templates ({@code Image} for ImageMain.java)
     * @param loaders the loader templates, written beside Main
     * @param data files shipped with the project, by path
     * @param notes folders better summed up than listed
     * @param trainData what Main reads by default (null if it reads no file)
     * @param testData what NetworkTest trains on, for the README
     * @param arguments Main's arguments, for the README's usage line
     * @param usage the README's paragraph under the usage line
     * @param loaderRow the README's files-table row for the loaders
     * @param dataRow the README's files-table row for the shipped data (empty if none)
     * @param note a last sentence on how the project differs from the zoo (empty if none)
     */
    record ProjectPart(
            String prefix,
            List<String> loaders,
            Map<String, byte[]> data,
            Map<String, String> notes,
            String trainData,
            String testData,
            String arguments,
            String usage,
            String loaderRow,
            String dataRow,
            String note) {}
}
