package io.github.dl4jzoo.data;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Labelled images held in one ND4J array: {@code pixels} is {@code [n, channels*rows*cols]} float,
 * scaled to [0,1], channel by channel and row-major within a channel (NCHW flattened). Layouts
 * (flat, NCHW, sequence) are made per batch by {@link ImagePipeline}, so the set is stored once.
 * {@code source} names the images file or folder for error messages. (A record with an array
 * component compares by identity; nothing here compares sets.)
 */
public record ImageSet(String source, INDArray pixels, int[] labels, int channels, int rows, int cols, int numClasses) {
    private static final double MAX_PIXEL = 255.0;

    public ImageSet {
        if (channels <= 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(
                    "channels, rows, cols: expected positive, got " + channels + "x" + rows + "x" + cols);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses: expected >= 1, got " + numClasses);
        }
        long[] shape = pixels.shape();
        if (shape.length != 2 || shape[0] != labels.length || shape[1] != (long) channels * rows * cols) {
            throw new IllegalArgumentException("pixels: expected shape [" + labels.length + ", "
                    + channels * rows * cols + "], got " + Arrays.toString(shape));
        }
    }

    /**
     * Materialises a DataVec reader's records once, for a run to batch from memory. Each record is the
     * image as an {@link NDArrayWritable} ({@code [1, channels, rows, cols]} or flat)
     * and its class as an {@link IntWritable}. A reader that supports batches is asked for all
     * {@code count} records at once and hands them over as one features array and one one-hot labels
     * array (the convention of DataVec's image readers), which then becomes the set without a copy:
     * that keeps a 60,000-image IDX load at bulk speed. Anything the reader throws goes through
     * {@code onFailure}, which names the file. With {@code greyLevels} the values are 0..255 and are scaled here;
     * without, the reader gives them in [0, 1] already.
     */
    public static ImageSet read(
            RecordReader reader,
            String source,
            int channels,
            int rows,
            int cols,
            int numClasses,
            int count,
            Function<RuntimeException, DataException> onFailure,
            boolean greyLevels) {
        long perImage = (long) channels * rows * cols;
        if (count * perImage * Float.BYTES > Integer.MAX_VALUE) {
            throw DataException.at(source, "expected at most 512M pixels in one set, got " + count * perImage);
        }
        INDArray pixels;
        int[] labels = new int[count];
        int done = 0;
        try {
            if (reader.batchesSupported()) {
                List<List<Writable>> records = reader.next(count);
                INDArray first = ((NDArrayWritable) records.get(0).get(0)).get();
                boolean whole = records.size() == 1 && first.size(0) == count;
                pixels = whole // the whole set in one array: no copy
                        ? first.reshape('c', count, perImage).castTo(DataType.FLOAT)
                        : Nd4j.createUninitialized(DataType.FLOAT, count, perImage);
                for (List<Writable> record : records) {
                    INDArray x = ((NDArrayWritable) record.get(0)).get();
                    int n = (int) x.size(0);
                    if (done + n > count) {
                        throw DataException.at(source, "expected " + count + " images, the reader gave more");
                    }
                    if (!whole) {
                        pixels.get(NDArrayIndex.interval(done, done + n), NDArrayIndex.all())
                                .assign(x.reshape('c', n, perImage));
                    }
                    if (record.get(1) instanceof NDArrayWritable oneHot) {
                        classes(oneHot.get(), labels, done);
                    } else {
                        labels[done] = record.get(1).toInt();
                    }
                    done += n;
                }
            } else {
                pixels = Nd4j.createUninitialized(DataType.FLOAT, count, perImage);
                while (reader.hasNext() && done < count) {
                    List<Writable> record = reader.next();
                    INDArray x = ((NDArrayWritable) record.get(0)).get();
                    pixels.getRow(done).assign(x.reshape('c', perImage));
                    labels[done++] = record.get(1).toInt();
                }
            }
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw onFailure.apply(e);
        }
        if (done != count) {
            throw DataException.at(source, "expected " + count + " images, the reader gave " + done);
        }
        if (greyLevels) {
            pixels.divi(MAX_PIXEL); // x / 255 in float: the same rounding as numpy's uint8 -> float32 / 255
        }
        return new ImageSet(source, pixels, labels, channels, rows, cols, numClasses);
    }

    /**
     * Writes the class of each row of a one-hot array (its first largest value) into {@code into} from
     * {@code at}. Read in Java: as an ND4J argMax it was the load's first custom op, which costs ND4J a cold
     * start of about 0.1 s.
     */
    private static void classes(INDArray oneHot, int[] into, int at) {
        INDArray hot = oneHot.ordering() == 'c' && !oneHot.isView() ? oneHot : oneHot.dup('c');
        FloatBuffer values = hot.data().asNioFloat();
        int n = (int) hot.size(0);
        int k = (int) hot.size(1);
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (values.get(i * k + j) > values.get(i * k + best)) {
                    best = j;
                }
            }
            into[at + i] = best;
        }
    }

    /** An IDX image/label pair as a set, through {@link IdxRecordReader}. */
    public static ImageSet of(Idx.Images images, Idx.Labels labels, int numClasses) {
        return of(IdxRecordReader.of(images, labels, numClasses));
    }

    /** An IDX images file and its labels as a set, the images streamed through {@link IdxRecordReader}. */
    public static ImageSet of(DataFile images, Idx.Labels labels, int numClasses) {
        return of(IdxRecordReader.of(images, labels, numClasses));
    }

    private static ImageSet of(IdxRecordReader reader) {
        return read(
                reader.inUnitInterval(),
                reader.name(),
                1,
                reader.rows(),
                reader.cols(),
                reader.numClasses(),
                reader.size(),
                e -> DataException.at(reader.name(), "cannot read: " + e.getMessage()),
                false);
    }

    public int size() {
        return labels.length;
    }

    public int pixelsPerImage() {
        return channels * rows * cols;
    }

    /** The images at {@code indices}, in that order (a copy). */
    public ImageSet select(int[] indices) {
        int[] picked = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = labels[indices[i]];
        }
        INDArray rowsCopy = indices.length == 0
                ? Nd4j.create(DataType.FLOAT, 0, pixelsPerImage())
                : Nd4j.pullRows(pixels, 1, indices, 'c');
        return new ImageSet(source, rowsCopy, picked, channels, rows, cols, numClasses);
    }

    /** A train/validation pair: {@code validation} holds {@code round(n * fraction)} images. */
    public record Split(ImageSet train, ImageSet validation) {}

    /**
     * A seeded random split. The validation images are drawn once from a permutation of the whole
     * set (seed-derived), and both parts keep the file order, so the split does not depend on how
     * many epochs have run or on the shuffle seed of the training iterator.
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction: expected in [0, 1), got " + validationFraction);
        }
        int nValidation = (int) Math.round(size() * validationFraction);
        if (nValidation == 0) {
            return new Split(this, select(new int[0])); // no copy of a set that stays whole
        }
        int[] permutation = Seeds.permutation(size(), Seeds.derive(seed, Seeds.SPLIT));
        int[] validation = Arrays.copyOfRange(permutation, 0, nValidation);
        int[] train = Arrays.copyOfRange(permutation, nValidation, size());
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(select(train), select(validation));
    }

    /** How many images of each class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
