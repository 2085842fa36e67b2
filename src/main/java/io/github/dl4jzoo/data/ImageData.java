package io.github.dl4jzoo.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
        int[] size = Idx.imageDims(files.trainImages());
        Idx.Labels trainLabels = Idx.readLabels(files.trainLabels());
        // Numbered classes are those the training labels hold: a test label beyond them is refused, naming it.
        List<String> names = classNames.isEmpty() ? numbered(IdxRecordReader.classesSeen(trainLabels)) : classNames;
        // The test set is read on a second thread while this one reads the training set (a second core cuts
        // a Fashion-MNIST load by the test set's share). A failure in the training files is reported first.
        CompletableFuture<ImageSet> test = CompletableFuture.supplyAsync(() -> {
            Idx.imageDims(files.testImages(), size[1], size[2]);
            return ImageSet.of(files.testImages(), Idx.readLabels(files.testLabels()), names.size());
        });
        ImageSet train = ImageSet.of(files.trainImages(), trainLabels, names.size());
        return new ImageData(id, train, join(test), names);
    }

    /** The task's result, or what it threw as it was thrown. */
    private static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error thrown) {
                throw thrown;
            }
            throw e;
        }
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
