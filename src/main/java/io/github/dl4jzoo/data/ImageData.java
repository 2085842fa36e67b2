package io.github.dl4jzoo.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A labelled image dataset as published: a training and a test set of the same image size and
 * classes. {@code classNames} has one name per class (digits for unnamed classes).
 */
public record ImageData(String id, ImageSet train, ImageSet test, List<String> classNames) {
    public ImageData {
        classNames = List.copyOf(classNames);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw DataException.at(
                    test.source(),
                    "offset 8: expected " + train.rows() + "x" + train.cols() + " images like " + train.source()
                            + ", got " + test.rows() + "x" + test.cols());
        }
        if (train.numClasses() != test.numClasses() || classNames.size() != train.numClasses()) {
            throw new IllegalArgumentException("numClasses: expected train, test and classNames to agree, got "
                    + train.numClasses() + ", " + test.numClasses() + ", " + classNames.size());
        }
    }

    /** The four files of an IDX dataset, gzipped or raw. */
    public record Files(DataFile trainImages, DataFile trainLabels, DataFile testImages, DataFile testLabels) {
        /** The four in their usual order. */
        public List<DataFile> list() {
            return List.of(trainImages, trainLabels, testImages, testLabels);
        }
    }

    /**
     * Reads the four files. With {@code classNames} empty the classes are 0..max training label, named
     * by number (for any IDX folder); otherwise every label must be below {@code classNames.size()}.
     */
    public static ImageData read(String id, Files files, List<String> classNames) {
        Idx.Images trainImages = Idx.readImages(files.trainImages());
        Idx.Labels trainLabels = Idx.readLabels(files.trainLabels());
        Idx.Images testImages = Idx.readImages(files.testImages(), trainImages.rows(), trainImages.cols());
        Idx.Labels testLabels = Idx.readLabels(files.testLabels());
        // Numbered classes are those the training labels hold: a test label beyond them is refused, naming it.
        List<String> names = classNames.isEmpty() ? numbered(IdxRecordReader.classesSeen(trainLabels)) : classNames;
        return new ImageData(
                id,
                ImageSet.of(trainImages, trainLabels, names.size()),
                ImageSet.of(testImages, testLabels, names.size()),
                names);
    }

    /** Fails, naming the file, unless the images are {@code channels x rows x cols} (what the network expects). */
    public ImageData requireSize(int channels, int rows, int cols) {
        for (ImageSet set : List.of(train, test)) {
            if (set.channels() != channels || set.rows() != rows || set.cols() != cols) {
                throw DataException.at(
                        set.source(),
                        "offset 8: expected " + (channels == 1 ? "" : channels + "x") + rows + "x" + cols
                                + " images, got " + (set.channels() == 1 ? "" : set.channels() + "x") + set.rows()
                                + "x" + set.cols());
            }
        }
        return this;
    }

    private static List<String> numbered(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
