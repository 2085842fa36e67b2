package io.github.dl4jzoo.data;

import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Time series in a CSV file with a header row: {@code co2} (embedded) by name, or {@code csv:FILE}. Read with
 * DataVec's {@code CSVRecordReader} ({@link TimeSeries}), cut into windows split by time ({@link SeriesWindows}).
 */
final class CsvSeries implements DataKind {
    static final String NAME = "csv";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> pathArgument() {
        return Optional.of("FILE");
    }

    @Override
    public String description() {
        return "a CSV dataset";
    }

    /** The {@code --data} flag names another CSV file to read with the same windows. */
    @Override
    public Splits load(DatasetId id, DataRequest request) {
        SeriesSpec spec = request.window()
                .orElseThrow(() -> new DataException(
                        id.id() + ": expected data.window in the recipe (how to cut the series into windows)"));
        DataFile file = request.dataFlag().map(CsvSeries::onDisk).orElseGet(() -> file(id));
        TimeSeries series = TimeSeries.readCsv(file, spec);
        ChronoSplit split = ChronoSplit.withValidationShare(series.rows(), request.validation(), request.testRows());
        SeriesWindows windows = SeriesWindows.build(series, spec, split, request.standardise());
        Optional<DataSetIterator> validation = windows.validation().size() == 0
                ? Optional.empty()
                : Optional.of(windows.iterator(windows.validation(), request.layout(), request.batchSize()));
        return new Splits(
                id.id(),
                windows.trainIterator(request.layout(), request.batchSize(), request.seed()),
                validation,
                windows.iterator(windows.test(), request.layout(), request.batchSize()),
                List.of(),
                windows.normaliser(),
                windows.test().labelDates(),
                Optional.of(series),
                List.of(file));
    }

    /** The CSV file of {@code id}: embedded, or on disk. */
    static DataFile file(DatasetId id) {
        if (id.path().isPresent()) {
            return onDisk(id.path().get());
        }
        KnownDataset dataset = id.requireKnown();
        return DataFile.resource(
                dataset.resourceDir().orElseThrow() + dataset.files().get(0).name());
    }

    private static DataFile onDisk(Path path) {
        if (!Files.isRegularFile(path)) {
            throw DataException.at(path.toString(), "expected a CSV file, not found");
        }
        return DataFile.of(path);
    }

    @Override
    public DatasetStatus status(DatasetId id, Locator locator) {
        if (id.known().isPresent()) {
            return Datasets.status(id.requireKnown(), Optional.empty(), Where.EMBEDDED);
        }
        DataFile file = file(id);
        Path path = Path.of(file.name());
        return new DatasetStatus(
                id.id(),
                "CSV file",
                Where.PATH,
                path.toString(),
                Datasets.sizeOf(path),
                Verification.NO_CHECKSUM,
                "no published checksum");
    }
}
