package io.github.dl4jzoo.data;

import java.io.DataInputStream;
import java.net.URI;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DataVec {@code RecordReader} over an IDX image/label pair: the zoo reads every IDX dataset through it
 * ({@link ImageSet#read}), and it works in DataVec pipelines such as
 * {@code RecordReaderDataSetIterator(reader, batch, 1, numClasses)}. Values are the stored grey levels 0..255,
 * as DataVec's image readers give them. One record is the image as an {@link NDArrayWritable}
 * {@code [1, rows*cols]} and its class as an {@link IntWritable}; {@link #next(int)} gives {@code num} records at
 * once as DataVec's image readers do: one features array {@code [num, rows*cols]} and one one-hot labels array.
 * {@code initialize} reads and checks the labels and the images' header (magic, dimensions, counts, label
 * range); the images are decoded as records are asked for, so a file cut short or corrupt fails when reading
 * gets there, naming the place.
 *
 * <p>Initialise with an input split of exactly two locations, images first, then labels:
 * {@code new CollectionInputSplit(List.of(images.toUri(), labels.toUri()))}.
 */
public final class IdxRecordReader extends BaseRecordReader {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK_PIXELS = 1 << 16;

    /** Opens the images at the first one. */
    private transient Supplier<Idx.Body> opener;
    /** The images, open at image {@code position}; null before the first read and after the last. */
    private transient Idx.Body images;

    private int position;
    private String name;
    private int rows;
    private int cols;
    private transient int[] labels;
    private int numClasses;
    /** What the stored grey levels are divided by: 1 (DataVec's convention), or 255 for values in [0, 1]. */
    private float divisor = 1;

    private URI imagesUri;
    private int cursor;
    private Configuration conf;

    /**
     * A reader over images and labels already read, checking that the counts agree and that every label is
     * below {@code numClasses}.
     */
    public static IdxRecordReader of(Idx.Images images, Idx.Labels labels, int numClasses) {
        return of(() -> Idx.Body.of(images), labels, numClasses);
    }

    /**
     * A reader that streams the images from their file as records are asked for, decoding each part straight
     * into the records' arrays (the file is never held whole), with the same checks. The header is read here;
     * a file that is cut short or corrupt fails when the reader gets there, naming the place.
     */
    public static IdxRecordReader of(DataFile images, Idx.Labels labels, int numClasses) {
        return of(() -> Idx.openImages(images), labels, numClasses);
    }

    private static IdxRecordReader of(Supplier<Idx.Body> opener, Idx.Labels labels, int numClasses) {
        Idx.Body images = opener.get();
        int count = images.dim(0);
        if (labels.count() != count) {
            images.close();
            throw DataException.at(
                    labels.name(),
                    "offset 4: expected " + count + " labels to match " + images.name() + " (" + count
                            + " images), got " + labels.count());
        }
        int[] classes = new int[labels.count()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = labels.labels()[i] & 0xff;
            if (classes[i] >= numClasses) {
                images.close();
                throw DataException.at(
                        labels.name(),
                        "offset " + (8 + i) + ": expected a label in 0.." + (numClasses - 1) + ", got " + classes[i]);
            }
        }
        IdxRecordReader reader = new IdxRecordReader();
        reader.opener = opener;
        reader.images = images;
        reader.name = images.name();
        reader.rows = images.dim(1);
        reader.cols = images.dim(2);
        reader.labels = classes;
        reader.numClasses = numClasses;
        reader.imagesUri = Path.of(images.name()).toUri();
        return reader;
    }

    /**
     * This reader, giving values in [0, 1] instead of grey levels: {@code level / 255} in float (the rounding
     * of numpy's {@code uint8 -> float32 / 255}), done as the images are decoded instead of in a second pass.
     */
    IdxRecordReader inUnitInterval() {
        divisor = (float) Standardisation.MAX_GREY_LEVEL;
        return this;
    }

    /** The highest label in {@code labels}, plus one: the classes of an IDX set that names none. */
    public static int classesSeen(Idx.Labels... labels) {
        int max = 0;
        for (Idx.Labels l : labels) {
            for (byte b : l.labels()) {
                max = Math.max(max, b & 0xff);
            }
        }
        return max + 1;
    }

    @Override
    public void initialize(InputSplit split) {
        URI[] locations = split.locations();
        if (locations.length != 2) {
            throw new IllegalArgumentException(
                    "split: expected 2 locations (images file, labels file), got " + locations.length);
        }
        Idx.Labels labelsRead = Idx.readLabels(DataFile.of(Path.of(locations[1])));
        IdxRecordReader ready = of(DataFile.of(Path.of(locations[0])), labelsRead, classesSeen(labelsRead));
        close();
        opener = ready.opener;
        images = ready.images;
        position = 0;
        name = ready.name;
        rows = ready.rows;
        cols = ready.cols;
        labels = ready.labels;
        numClasses = ready.numClasses;
        imagesUri = locations[0];
        cursor = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        setConf(conf);
        initialize(split);
    }

    public int size() {
        return labels == null ? 0 : labels.length;
    }

    /** The images file's name, for messages. */
    String name() {
        return name;
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    int numClasses() {
        return numClasses;
    }

    @Override
    public List<Writable> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records: call reset()");
        }
        List<Writable> record = List.of(new NDArrayWritable(pixels(cursor, 1)), new IntWritable(labels[cursor]));
        cursor++;
        invokeListeners(record);
        return record;
    }

    @Override
    public boolean batchesSupported() {
        return true;
    }

    /** The next {@code num} records (fewer at the end) as one batch: features and one-hot labels. */
    @Override
    public List<List<Writable>> next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records: call reset()");
        }
        int n = Math.min(num, labels.length - cursor);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, numClasses);
        for (int i = 0; i < n; i++) {
            oneHot.putScalar(i, labels[cursor + i], 1f);
        }
        List<Writable> batch = List.of(new NDArrayWritable(pixels(cursor, n)), new NDArrayWritable(oneHot));
        cursor += n;
        return List.of(batch);
    }

    @Override
    public boolean hasNext() {
        return labels != null && cursor < labels.length;
    }

    /** Class names "0".."k-1", as DataVec's label-generating readers report them. */
    @Override
    public List<String> getLabels() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < numClasses; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** An IDX record is not a stream of its own: it is a slice of two files, so there is nothing to parse here. */
    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("IDX records are slices of an image file and a label file: use next()");
    }

    @Override
    public Record nextRecord() {
        int index = cursor;
        return new org.datavec.api.records.impl.Record(
                next(), new RecordMetaDataIndex(index, imagesUri, IdxRecordReader.class));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        int index = (int) ((RecordMetaDataIndex) recordMetaData).getIndex();
        return new org.datavec.api.records.impl.Record(
                List.of(new NDArrayWritable(pixels(index, 1)), new IntWritable(labels[index])), recordMetaData);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        List<Record> records = new ArrayList<>(recordMetaDatas.size());
        for (RecordMetaData meta : recordMetaDatas) {
            records.add(loadFromMetaData(meta));
        }
        return records;
    }

    @Override
    public void close() {
        if (images != null) {
            images.close();
            images = null;
        }
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    /**
     * Images {@code from .. from+n-1} as {@code [n, rows*cols]} floats (grey levels over the divisor), read
     * from the images in chunks and converted straight into the array's native buffer (no per-pixel boxing, no
     * full-size Java array). Reading on from where the last call stopped is the usual case; another start
     * reopens or skips.
     */
    private INDArray pixels(int from, int n) {
        int d = rows * cols;
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, n, d);
        FloatBuffer target = out.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        int chunk = Math.min(CHUNK_PIXELS, n * d);
        byte[] bytes = new byte[chunk];
        float[] values = new float[chunk];
        try {
            seek(from, bytes);
            for (long left = (long) n * d; left > 0; ) {
                int m = (int) Math.min(chunk, left);
                images.read(bytes, 0, m);
                for (int i = 0; i < m; i++) {
                    values[i] = (bytes[i] & 0xff) / divisor;
                }
                target.put(values, 0, m);
                left -= m;
            }
            position = from + n;
            if (position == labels.length) {
                images.end();
                close();
            }
            return out;
        } catch (RuntimeException e) {
            close(); // where a failed read stopped is unknown: the next read reopens
            throw e;
        }
    }

    /** Opens or moves the images to image {@code index}, using {@code scratch} to skip. */
    private void seek(int index, byte[] scratch) {
        if (images == null || index < position) {
            close();
            images = opener.get();
            position = 0;
        }
        for (long skip = (long) (index - position) * rows * cols; skip > 0; ) {
            int m = (int) Math.min(scratch.length, skip);
            images.read(scratch, 0, m);
            skip -= m;
        }
        position = index;
    }
}
