package io.github.dl4jzoo.data;

import static io.github.dl4jzoo.data.IdxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class SeriesWindowsTest {
    @TempDir
    Path dir;

    /** Ten days; temp = row + 1, rain = 10 * temp; 'note' is text and unused. */
    private static final String TEN_ROWS =
            """
            Date,temp,rain,note
            2020-01-01,1,10,a
            2020-01-02,2,20,b
            2020-01-03,3,30,c
            2020-01-04,4,40,d
            2020-01-05,5,50,e
            2020-01-06,6,60,f
            2020-01-07,7,70,g
            2020-01-08,8,80,h
            2020-01-09,9,90,i
            2020-01-10,10,100,j
            """;

    private static final SeriesSpec SPEC = new SeriesSpec("Date", List.of("temp", "rain"), "temp", 3, 2, 1);
    private static final ChronoSplit TWO_AND_TWO = new ChronoSplit(2, 2);

    private TimeSeries read(String csv, SeriesSpec spec) throws IOException {
        return TimeSeries.readCsv(DataFile.of(Files.writeString(dir.resolve("s.csv"), csv)), spec);
    }

    private static float[][][] windows(SeriesWindows.Part part) {
        INDArray f = part.features();
        float[][][] out = new float[(int) f.size(0)][(int) f.size(1)][(int) f.size(2)];
        for (int k = 0; k < out.length; k++) {
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] = f.get(org.nd4j.linalg.indexing.NDArrayIndex.point(k))
                        .getRow(i)
                        .toFloatVector();
            }
        }
        return out;
    }

    @Test
    void exactWindowsForTenRows() throws IOException {
        // 3 steps, horizon 2: window at start s has label row s + 4, so starts 0..5 fit in 10 rows.
        // Label rows 4,5 are training (rows 0-5), 6,7 validation (rows 6-7), 8,9 test (rows 8-9).
        SeriesWindows w = SeriesWindows.build(read(TEN_ROWS, SPEC), SPEC, TWO_AND_TWO, false);

        assertArrayEquals(new long[] {2, 2, 3}, w.train().features().shape(), "[windows, features, steps]");
        assertArrayEquals(new float[][][] {{{1, 2, 3}, {10, 20, 30}}, {{2, 3, 4}, {20, 30, 40}}}, windows(w.train()));
        assertArrayEquals(new float[] {5, 6}, w.train().labels().toFloatVector());
        assertArrayEquals(new long[] {2, 1}, w.train().labels().shape(), "2-D labels for LastTimeStep");

        assertArrayEquals(
                new float[][][] {{{3, 4, 5}, {30, 40, 50}}, {{4, 5, 6}, {40, 50, 60}}}, windows(w.validation()));
        assertArrayEquals(new float[] {7, 8}, w.validation().labels().toFloatVector());
        assertArrayEquals(new float[][][] {{{5, 6, 7}, {50, 60, 70}}, {{6, 7, 8}, {60, 70, 80}}}, windows(w.test()));
        assertArrayEquals(new float[] {9, 10}, w.test().labels().toFloatVector());
        assertEquals(List.of("2020-01-09", "2020-01-10"), w.test().labelDates());

        INDArray flat = w.train().dataSet(Layout.FLAT).getFeatures();
        assertArrayEquals(new long[] {2, 6}, flat.shape());
        assertArrayEquals(new float[] {1, 2, 3, 10, 20, 30}, flat.getRow(0).toFloatVector(), "feature-major");
    }

    @Test
    void strideSkipsStarts() throws IOException {
        SeriesSpec spec = new SeriesSpec("Date", List.of("rain"), "temp", 2, 1, 3);
        // starts 0,3,6 -> label rows 2,5,8 (start 9 would need row 11)
        SeriesWindows w = SeriesWindows.build(read(TEN_ROWS, spec), spec, new ChronoSplit(0, 3), false);
        assertArrayEquals(new float[][][] {{{10, 20}}, {{40, 50}}}, windows(w.train()));
        assertArrayEquals(new float[] {3, 6}, w.train().labels().toFloatVector());
        assertArrayEquals(new float[] {9}, w.test().labels().toFloatVector());
        assertEquals(0, w.validation().size());
    }

    @Test
    void standardiserSeesTrainingWindowsOnly() throws IOException {
        SeriesWindows w = SeriesWindows.build(read(TEN_ROWS, SPEC), SPEC, TWO_AND_TWO, true);
        NormalizerStandardize norm = (NormalizerStandardize) w.normaliser().orElseThrow();
        // training windows hold temp 1,2,3,2,3,4 and rain 10,20,30,20,30,40; labels 5 and 6
        assertArrayEquals(new float[] {2.5f, 25f}, norm.getMean().toFloatVector(), 1e-5f);
        assertArrayEquals(new float[] {5.5f}, norm.getLabelMean().toFloatVector(), 1e-5f);
        // population std over the six temp values: sqrt(((1.5^2 + .5^2) * 2 + .5^2 * 2) / 6)
        double tempStd = Math.sqrt((2.25 + 0.25 + 0.25 + 0.25 + 0.25 + 2.25) / 6);
        assertEquals(tempStd, norm.getStd().getDouble(0), 1e-5);
        assertEquals(0.5, norm.getLabelStd().getDouble(0), 1e-5);

        // test windows are transformed with those statistics: label 9 -> (9 - 5.5) / 0.5 = 7
        assertArrayEquals(new float[] {7, 9}, w.test().labels().toFloatVector(), 1e-4f);
        assertArrayEquals(new float[] {-1, 1}, w.train().labels().toFloatVector(), 1e-4f);
        // and back in original units
        assertArrayEquals(new float[] {9, 10}, w.denormalise(w.test().labels()).toFloatVector(), 1e-4f);
    }

    @Test
    void labelShapeFitsLstmLastTimeStepOutput() throws IOException {
        SeriesWindows w = SeriesWindows.build(read(TEN_ROWS, SPEC), SPEC, TWO_AND_TWO, true);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .list()
                .layer(new LastTimeStep(new LSTM.Builder().name("lstm").nOut(4).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .name("out")
                        .activation(Activation.IDENTITY)
                        .nOut(1)
                        .build())
                .setInputType(InputType.recurrent(2, 3))
                .build());
        net.init();
        DataSetIterator train = w.trainIterator(Layout.SEQUENCE, 2, 1);
        net.fit(train);
        assertArrayEquals(new long[] {2, 1}, net.output(w.test().features()).shape());
    }

    @Test
    void trainIteratorShufflesTrainingWindowsOnly() throws IOException {
        SeriesSpec spec = new SeriesSpec("Date", List.of("temp"), "temp", 1, 1, 1);
        SeriesWindows w = SeriesWindows.build(read(TEN_ROWS, spec), spec, new ChronoSplit(1, 2), false);
        EpochIterator it = w.trainIterator(Layout.FLAT, 100, 9);
        DataSet all = it.next();
        // training label rows are 1..6 (temp 2..7), inputs the row before
        float[] labels = all.getLabels().toFloatVector();
        float[] inputs = all.getFeatures().toFloatVector();
        java.util.Arrays.sort(labels);
        assertArrayEquals(new float[] {2, 3, 4, 5, 6, 7}, labels);
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(all.getLabels().getFloat(i, 0) - 1, inputs[i], "pairs stay together");
        }
    }

    @Test
    void validationShareIsOfTheRowsBeforeTheTestPeriod() {
        // 741 CO2 months, last 24 for test: 10% of the 717 before them is 71.7 -> 72
        assertEquals(new ChronoSplit(72, 24), ChronoSplit.withValidationShare(741, 0.1, 24));
        assertEquals(new ChronoSplit(0, 24), ChronoSplit.withValidationShare(741, 0, 24));
    }

    // bad input: one line naming file, line, column and expectation

    @Test
    void missingValue() throws IOException {
        Path f = dir.resolve("s.csv");
        assertMessage(
                f + ": line 4, column 2 (temp): expected a number, got an empty cell",
                () -> read(TEN_ROWS.replace("2020-01-03,3,", "2020-01-03,,"), SPEC));
    }

    @Test
    void nonNumericCell() {
        Path f = dir.resolve("s.csv");
        assertMessage(
                f + ": line 6, column 3 (rain): expected a number, got 'n/a'",
                () -> read(TEN_ROWS.replace("5,50,e", "5,n/a,e"), SPEC));
    }

    @Test
    void unknownTargetColumn() {
        Path f = dir.resolve("s.csv");
        SeriesSpec spec = new SeriesSpec("Date", List.of("temp"), "pressure", 3, 1, 1);
        assertMessage(
                f + ": line 1: expected a column named 'pressure', got columns Date, temp, rain, note",
                () -> read(TEN_ROWS, spec));
    }

    @Test
    void unsortedAndDuplicateDates() {
        Path f = dir.resolve("s.csv");
        assertMessage(
                f
                        + ": line 5, column 1 (Date): expected a date after 2020-01-03 (line 4), got 2020-01-02 (dates must increase)",
                () -> read(TEN_ROWS.replace("2020-01-04,", "2020-01-02,"), SPEC));
        assertMessage(
                f
                        + ": line 5, column 1 (Date): expected a date after 2020-01-03 (line 4), got 2020-01-03 again (duplicate date)",
                () -> read(TEN_ROWS.replace("2020-01-04,", "2020-01-03,"), SPEC));
        assertMessage(
                f + ": line 2, column 1 (Date): expected an ISO-8601 date like 1958-03-01, got '01/01/2020'",
                () -> read(TEN_ROWS.replace("2020-01-01,", "01/01/2020,"), SPEC));
    }

    @Test
    void fewerRowsThanOneWindow() throws IOException {
        SeriesSpec spec = new SeriesSpec("Date", List.of("temp"), "temp", 9, 2, 1);
        TimeSeries series = read(TEN_ROWS, spec);
        assertMessage(
                dir.resolve("s.csv")
                        + ": end of data (line 11): expected at least 11 data rows for one window (9 steps + horizon 2), got 10",
                () -> SeriesWindows.build(series, spec, new ChronoSplit(0, 0), false));
        assertMessage(
                // validation would start at line 7 (data row 6), after only 5 training rows
                dir.resolve("s.csv")
                        + ": line 7: expected at least 6 training rows before the last 3 validation and 2 test rows, got 5 of 10",
                () -> SeriesWindows.build(
                        series,
                        new SeriesSpec("Date", List.of("temp"), "temp", 4, 2, 1),
                        new ChronoSplit(3, 2),
                        false));
    }

    @Test
    void rowShapeAndBlankLines() {
        Path f = dir.resolve("s.csv");
        assertMessage(
                f + ": line 3: expected 4 columns, got 3",
                () -> read(TEN_ROWS.replace("2020-01-02,2,20,b", "2020-01-02,2,20"), SPEC));
        assertMessage(
                f + ": line 3: expected a data row, got a blank line",
                () -> read(TEN_ROWS.replace("2020-01-02,2,20,b\n", "\n2020-01-02,2,20,b\n"), SPEC));
        assertMessage(
                f + ": line 1: expected a header row naming the columns, got an empty file", () -> read("", SPEC));
    }

    @Test
    void trailingBlankLinesAreFine() throws IOException {
        assertEquals(10, read(TEN_ROWS + "\n\n", SPEC).rows());
    }
}
