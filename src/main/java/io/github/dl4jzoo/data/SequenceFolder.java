package io.github.dl4jzoo.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.datavec.api.records.reader.SequenceRecordReader;
import org.datavec.api.records.reader.impl.csv.CSVSequenceRecordReader;
import org.datavec.api.split.NumberedFileInputSplit;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator.AlignmentMode;

/**
 * Sequence classification from a folder of one-CSV-per-sequence files, the UCI layout (as in the
 * UCI synthetic control data): {@code features/0.csv .. features/{N-1}.csv}, one time step per
 * line and one column per feature, and {@code labels/i.csv} holding the class index of sequence i.
 * Read with DataVec's {@link CSVSequenceRecordReader} and
 * {@link SequenceRecordReaderDataSetIterator} in {@link AlignmentMode#ALIGN_END}: the single label
 * of a sequence is aligned with the end of that sequence. Batches are
 * {@code [batch, features, longest]}; shorter sequences start at step 0 and are padded after
 * their end, with a features mask of 0 there. Labels are {@code [batch, classes, longest]}, one-hot
 * at each sequence's own last step, with a labels mask that is 1 only at that step: an LSTM with
 * an {@code RnnOutputLayer} then learns from exactly one step per sequence (many-to-one).
 */
public final class SequenceFolder {
    private SequenceFolder() {}

    /** Sequences and labels found and checked in a folder pair. */
    public record Found(Path featuresDir, Path labelsDir, int count) {}

    /**
     * Checks the folders (files numbered 0..N-1 in both, each label an integer class) so that a
     * bad folder fails with the file named, then builds the DataVec iterator.
     */
    public static SequenceRecordReaderDataSetIterator iterator(
            Path featuresDir, Path labelsDir, int numClasses, int batchSize, int headerLines) {
        Found found = check(featuresDir, labelsDir, numClasses);
        try {
            SequenceRecordReader features = new CSVSequenceRecordReader(headerLines, ",");
            features.initialize(numbered(featuresDir, found.count()));
            SequenceRecordReader labels = new CSVSequenceRecordReader(0, ",");
            labels.initialize(numbered(labelsDir, found.count()));
            return new SequenceRecordReaderDataSetIterator(
                    features, labels, batchSize, numClasses, false, AlignmentMode.ALIGN_END);
        } catch (IOException | InterruptedException e) {
            throw DataException.at(featuresDir.toString(), "cannot read sequences: " + e.getMessage());
        }
    }

    public static Found check(Path featuresDir, Path labelsDir, int numClasses) {
        int count = countNumbered(featuresDir);
        int labelCount = countNumbered(labelsDir);
        if (labelCount != count) {
            throw DataException.at(
                    labelsDir.toString(),
                    "expected " + count + " label files to match " + featuresDir + ", got " + labelCount);
        }
        for (int i = 0; i < count; i++) {
            Path features = featuresDir.resolve(i + ".csv");
            Path label = labelsDir.resolve(i + ".csv");
            try {
                if (Files.size(features) == 0) {
                    throw DataException.at(
                            features.toString(), "line 1: expected at least one time step, got an empty file");
                }
                List<String> lines = Files.readAllLines(label).stream()
                        .filter(s -> !s.isBlank())
                        .toList();
                String text = lines.isEmpty() ? "" : lines.get(0).trim();
                int value = lines.size() == 1 && text.matches("\\d+") ? Integer.parseInt(text) : -1;
                if (value < 0 || value >= numClasses) {
                    throw DataException.at(
                            label.toString(),
                            "line 1: expected one class index in 0.." + (numClasses - 1) + ", got '"
                                    + String.join("\\n", lines) + "'");
                }
            } catch (IOException e) {
                throw DataException.at(label.toString(), "cannot read: " + e.getMessage());
            }
        }
        return new Found(featuresDir, labelsDir, count);
    }

    /** Files must be exactly 0.csv .. {N-1}.csv: a gap would silently drop sequences. */
    private static int countNumbered(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw DataException.at(
                    dir.toString(), "expected a folder of numbered CSV files (0.csv, 1.csv, ...), not found");
        }
        try (var files = Files.list(dir)) {
            long csv = files.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .count();
            for (int i = 0; i < csv; i++) {
                if (!Files.isRegularFile(dir.resolve(i + ".csv"))) {
                    throw DataException.at(
                            dir.toString(), "expected files 0.csv .. " + (csv - 1) + ".csv, " + i + ".csv is missing");
                }
            }
            if (csv == 0) {
                throw DataException.at(dir.toString(), "expected files 0.csv, 1.csv, ..., found none");
            }
            return (int) csv;
        } catch (IOException e) {
            throw DataException.at(dir.toString(), "cannot list: " + e.getMessage());
        }
    }

    private static NumberedFileInputSplit numbered(Path dir, int count) {
        return new NumberedFileInputSplit(dir.toAbsolutePath() + "/%d.csv", 0, count - 1);
    }
}
