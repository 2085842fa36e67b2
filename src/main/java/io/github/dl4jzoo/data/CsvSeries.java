package io.github.dl4jzoo.data;

import io.github.dl4jzoo.data.DatasetStatus.Verification;
import io.github.dl4jzoo.data.DatasetStatus.Where;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Time series in a CSV file with a header row: {@code co2} (embedded) by name, or {@code csv:FILE}. Read with
 * DataVec's {@code CSVRecordReader} ({@link TimeSeries}), cut into windows split by time ({@link SeriesWindows}).
 * A project {@code zoo init} writes ships the CO2 series and cuts it into the recipe's windows.
 */
final class CsvSeries implements DataKind {
    static final String NAME = "csv";
    /** Where a project keeps the CO2 series. */
    private static final String CO2_FILE = "data/co2-concentration.csv";

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

    /** Only co2: the project ships its series, and a csv:FILE of the user's own is not the zoo's to copy. */
    @Override
    public boolean scaffolds(DatasetId id) {
        return id.id().equals("co2");
    }

    @Override
    public String misfit(ProjectSpec spec) {
        DataRequest in = spec.input();
        if (in.window().isEmpty()) {
            return "data.window: expected the windows to cut the series into";
        }
        SeriesSpec w = in.window().get();
        int steps = w.nSteps(), features = w.featureColumns().size();
        boolean fits = in.layout() == Layout.SEQUENCE
                ? in.rows() == steps && in.cols() == features
                : in.layout() == Layout.FLAT && in.features() == steps * features;
        if (!fits) {
            return "input: expected {steps: " + steps + ", features: " + features + "} or {features: "
                    + steps * features + "} for windows of " + steps + " steps of " + features + " feature(s)";
        }
        return spec.outputs() != 1 ? "output.units: expected 1, the forecast" : null;
    }

    @Override
    public ProjectPart project(ProjectSpec spec, Map<String, String> tokens, DataSources sources) {
        DataRequest in = spec.input();
        SeriesSpec w = in.window().orElseThrow();
        tokens.put("DATASET", "the Mauna Loa CO2 series");
        tokens.put("DEFAULT_DATA_DOC", "Monthly CO2 at Mauna Loa, 1958 to 2020, shipped with this project.");
        tokens.put("DEFAULT_DATA", CO2_FILE);
        tokens.put(
                "LAYOUT_DOC",
                in.layout() == Layout.SEQUENCE
                        ? "[windows, features, steps], DL4J's recurrent layout"
                        : "[windows, features * steps], all steps of one feature after another");
        tokens.put("DATE_COLUMN", w.dateColumn());
        tokens.put(
                "FEATURES",
                String.join(
                        ", ",
                        w.featureColumns().stream().map(f -> '"' + f + '"').toList()));
        tokens.put("TARGET", w.targetColumn());
        tokens.put("STEPS", String.valueOf(w.nSteps()));
        tokens.put("HORIZON", String.valueOf(w.horizon()));
        tokens.put("STRIDE", String.valueOf(w.stride()));
        tokens.put("TEST_ROWS", String.valueOf(in.testRows()));
        tokens.put("STANDARDIZE", String.valueOf(in.standardise()));
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put(CO2_FILE, sources.co2Csv());
        data.put("data/NOTICE", notice(spec.dataset().requireKnown()).getBytes(StandardCharsets.UTF_8));
        return new ProjectPart(
                "Series",
                List.of("Layout.java", "CsvWindows.java"),
                data,
                Map.of(),
                CO2_FILE,
                "the series in `" + CO2_FILE + "`",
                "[CSV] [EPOCHS]",
                "`mvn package` writes one runnable jar with DL4J and this machine's natives inside. CSV"
                        + " defaults to `" + CO2_FILE + "` (see `data/NOTICE`); EPOCHS to the recipe's "
                        + spec.epochs() + ". Main trains on the windows before the test period, then"
                        + " prints the last forecasts, their RMSE and MAE in the data's units, and the"
                        + " RMSE of the naive forecast (the window's last value) for scale; it saves the"
                        + " network to `target/" + spec.recipe() + ".zip`.",
                "| `CsvWindows.java`, `Layout.java` | windows over the CSV, split by time,"
                        + " standardised with training statistics only |\n",
                "| `data/` | the series, with its NOTICE (source and licence) |\n",
                "");
    }

    /** What the shipped series is, where it came from and its licence. */
    private static String notice(KnownDataset co2) {
        return """
                co2-concentration.csv: monthly atmospheric CO2 at Mauna Loa Observatory, Hawaii, March 1958 to April 2020
                (741 rows; months without valid data are absent). Columns: Date (yyyy-mm-01), CO2 (ppm), adjusted CO2 (ppm,
                seasonal cycle removed).

                Copied unchanged from the npm package vega-datasets 3.2.1, data/co2-concentration.csv
                (SHA-256 %s).
                Licence: Creative Commons Attribution 4.0. Source: Scripps CO2 Program
                (https://scrippsco2.ucsd.edu/data/atmospheric_co2/primary_mlo_co2_record), Scripps Institution of
                Oceanography, UC San Diego; measured at NOAA's Mauna Loa Observatory.
                Attribution: Scripps CO2 Program, via vega-datasets.
                """
                .formatted(co2.files().get(0).hex());
    }
}
