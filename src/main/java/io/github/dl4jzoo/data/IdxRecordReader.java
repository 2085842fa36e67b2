package io.github.dl4jzoo.data;

import java.io.DataInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;

/**
 * A DataVec {@code RecordReader} over an IDX image/label pair, for DataVec pipelines such as
 * {@code RecordReaderDataSetIterator(reader, batch, 1, numClasses)}. Each record is two writables:
 * the image as one {@link NDArrayWritable} {@code [1, rows*cols]} in [0,1] (a view, so no pixel
 * is boxed) and the label as an {@link IntWritable}. The pair is read and validated in bulk on
 * {@code initialize}, exactly as {@link Idx} and {@link ImageSet#of} do.
 *
 * <p>Initialise with an input split of exactly two locations, images first, then labels:
 * {@code new CollectionInputSplit(List.of(images.toUri(), labels.toUri()))}.
 */
public final class IdxRecordReader extends BaseRecordReader {
    private static final long serialVersionUID = 1L;

    private transient ImageSet set;
    private URI imagesUri;
    private int cursor;
    private Configuration conf;

    /** An initialised reader over a set already in memory. */
    public static IdxRecordReader of(ImageSet set, URI imagesUri) {
        IdxRecordReader reader = new IdxRecordReader();
        reader.set = set;
        reader.imagesUri = imagesUri;
        return reader;
    }

    @Override
    public void initialize(InputSplit split) {
        URI[] locations = split.locations();
        if (locations.length != 2) {
            throw new IllegalArgumentException(
                    "split: expected 2 locations (images file, labels file), got " + locations.length);
        }
        Idx.Images images = Idx.readImages(DataFile.of(Path.of(locations[0])));
        Idx.Labels labels = Idx.readLabels(DataFile.of(Path.of(locations[1])));
        int max = 0;
        for (byte b : labels.labels()) {
            max = Math.max(max, b & 0xff);
        }
        set = ImageSet.of(images, labels, max + 1);
        imagesUri = locations[0];
        cursor = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        setConf(conf);
        initialize(split);
    }

    @Override
    public List<Writable> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records: call reset()");
        }
        List<Writable> record = recordAt(cursor++);
        invokeListeners(record);
        return record;
    }

    @Override
    public boolean hasNext() {
        return set != null && cursor < set.size();
    }

    /** Class names "0".."k-1", as DataVec's label-generating readers report them. */
    @Override
    public List<String> getLabels() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < set.numClasses(); i++) {
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
        return new org.datavec.api.records.impl.Record(recordAt(index), recordMetaData);
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
        set = null;
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    private List<Writable> recordAt(int index) {
        return List.of(new NDArrayWritable(set.pixels().getRow(index, true)), new IntWritable(set.labels()[index]));
    }
}
