package io.github.dl4jzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.datavec.api.split.CollectionInputSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class ImagePipelineTest {
    private static final int ROWS = 2;
    private static final int COLS = 3;

    @TempDir
    java.nio.file.Path dir;

    /** n <= 42 images 2x3; image i pixel p has byte value i*6 + p (so values identify both), label i % 3. */
    static ImageSet numbered(int n) {
        byte[] pixels = new byte[n * ROWS * COLS];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < ROWS * COLS; p++) {
                pixels[i * ROWS * COLS + p] = (byte) (i * ROWS * COLS + p);
            }
            labels[i] = (byte) (i % 3);
        }
        return ImageSet.of(new Idx.Images("img", n, ROWS, COLS, pixels), new Idx.Labels("lab", n, labels), 3);
    }

    private static EpochIterator inOrder(ImageSet set, int batch, Layout layout) {
        return ImagePipeline.of(
                set, batch, layout, Standardisation.NONE, Augmentation.NONE, false, 1, List.of("a", "b", "c"));
    }

    private static float value(int image, int pixel) {
        return (image * ROWS * COLS + pixel) / 255f;
    }

    @Test
    void layoutsPlaceEveryPixel() {
        ImageSet set = numbered(2);
        INDArray flat = inOrder(set, 2, Layout.FLAT).next().getFeatures();
        INDArray image = inOrder(set, 2, Layout.IMAGE).next().getFeatures();
        INDArray sequence = inOrder(set, 2, Layout.SEQUENCE).next().getFeatures();
        assertArrayEquals(new long[] {2, 6}, flat.shape());
        assertArrayEquals(new long[] {2, 1, 2, 3}, image.shape());
        assertArrayEquals(new long[] {2, 3, 2}, sequence.shape(), "[batch, features=cols, steps=rows]");
        for (int i = 0; i < 2; i++) {
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    float expected = value(i, r * COLS + c);
                    assertEquals(expected, flat.getFloat(i, r * COLS + c));
                    assertEquals(expected, image.getFloat(i, 0, r, c));
                    assertEquals(expected, sequence.getFloat(i, c, r), "step r is row r");
                }
            }
        }
        // image 1, row 1 is time step 1: its features are pixels 3, 4, 5 of image 1
        assertEquals((6 + 4) / 255f, sequence.getFloat(1, 1, 1));
    }

    @Test
    void labelsAreOneHotAndBatchesCoverTheSet() {
        EpochIterator it = inOrder(numbered(5), 2, Layout.FLAT);
        DataSet first = it.next();
        assertEquals(
                "[[1,0,0],[0,1,0]]",
                Arrays.deepToString(first.getLabels().toFloatMatrix())
                        .replace(".0", "")
                        .replace(" ", ""));
        it.next();
        DataSet last = it.next();
        assertEquals(1, last.numExamples(), "5 = 2 + 2 + 1");
        assertFalse(it.hasNext());
        assertEquals(List.of("a", "b", "c"), it.getLabels());
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        ImageSet set = numbered(40);
        ImageSet.Split a = set.split(0.25, 7);
        ImageSet.Split b = set.split(0.25, 7);
        ImageSet.Split c = set.split(0.25, 8);
        assertEquals(10, a.validation().size());
        assertEquals(30, a.train().size());
        assertEquals(a.validation().pixels(), b.validation().pixels());
        assertNotEquals(a.validation().pixels(), c.validation().pixels());
        // pixel 0 of image i is i*6/255: recover the image ids of both parts
        int[] ids =
                IntStream.concat(ids(a.train()), ids(a.validation())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 40).toArray(), ids);
    }

    private static IntStream ids(ImageSet s) {
        return IntStream.range(0, s.size()).map(i -> Math.round(s.pixels().getFloat(i, 0) * 255 / 6));
    }

    @Test
    void epochOrderDependsOnlyOnSeedAndEpoch() {
        ImageSet set = numbered(40);
        EpochIterator run = shuffled(set, 42);
        int[] epoch0 = run.order();
        assertNotEquals(Arrays.toString(IntStream.range(0, 40).toArray()), Arrays.toString(epoch0), "shuffled at all");
        run.reset(); // nothing taken yet: still epoch 0
        assertEquals(0, run.epoch());
        assertArrayEquals(epoch0, run.order());
        while (run.hasNext()) {
            run.next();
        }
        run.reset();
        assertEquals(1, run.epoch());
        int[] epoch1 = run.order();
        assertFalse(Arrays.equals(epoch0, epoch1));

        EpochIterator resumed = shuffled(set, 42);
        resumed.setEpoch(1);
        assertArrayEquals(epoch1, resumed.order());
        assertEquals(run.next().getFeatures(), resumed.next().getFeatures());
        assertFalse(Arrays.equals(epoch0, shuffled(set, 43).order()), "another seed, another order");
    }

    private static EpochIterator shuffled(ImageSet set, long seed) {
        return ImagePipeline.of(
                set, 8, Layout.FLAT, Standardisation.NONE, Augmentation.NONE, true, seed, List.of("a", "b", "c"));
    }

    @Test
    void standardisationIsFittedOnTheTrainingSplitOnly() {
        ImageSet set = numbered(40);
        ImagePipeline pipeline = new ImagePipeline(4, Layout.FLAT, 0.25, true, Augmentation.NONE, 3);
        ImageData data = new ImageData("t", set, numbered(3), List.of("a", "b", "c"));
        ImagePipeline.Iterators its = pipeline.build(data);

        ImageSet train = set.split(0.25, 3).train();
        double sum = 0;
        for (int i = 0; i < train.size(); i++) {
            for (int p = 0; p < 6; p++) {
                sum += train.pixels().getDouble(i, p);
            }
        }
        double trainMean = sum / (train.size() * 6);
        double allMean = set.pixels().meanNumber().doubleValue();
        assertEquals(trainMean, its.standardisation().mean(), 1e-6);
        assertNotEquals(allMean, its.standardisation().mean(), 1e-3, "validation images must not count");
        assertEquals(10, its.validation().orElseThrow().size());
        assertEquals(30, its.train().size());

        // the test set is transformed with the training statistics
        float raw = set.pixels().getFloat(0, 0);
        assertEquals(0f, raw);
        float standardised = its.test().next().getFeatures().getFloat(0, 0);
        assertEquals((0 - its.standardisation().mean()) / its.standardisation().std(), standardised, 1e-6);
    }

    @Test
    void transformsMovePixelsExactly() {
        // 3x3 with a single lit pixel at (x=0, y=0)
        float[] src = new float[9];
        src[0] = 1f;
        float[] dst = new float[9];
        Augmentation.transform(src, 0, dst, 0, 3, 3, 1, 2, 0, false);
        assertEquals(1f, dst[2 * 3 + 1], "shift right 1, down 2");
        assertEquals(1f, sum(dst));

        Augmentation.transform(src, 0, dst, 0, 3, 3, 0, 0, 0, true);
        assertEquals(1f, dst[2], "flip sends column 0 to column 2");

        Augmentation.transform(src, 0, dst, 0, 3, 3, 0, 0, Math.toRadians(90), false);
        assertEquals(1f, dst[2], 1e-6, "90 degrees clockwise: top-left to top-right");
        assertEquals(1f, sum(dst), 1e-6);

        Augmentation.transform(src, 0, dst, 0, 3, 3, 0.5, 0, 0, false);
        assertEquals(0.5f, dst[0], 1e-6, "half a pixel: bilinear");
        assertEquals(0.5f, dst[1], 1e-6);
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    @Test
    void augmentationIsSeededPerEpochAndOffByDefault() {
        ImageSet set = numbered(16);
        Augmentation aug = new Augmentation(0.2, 15, true);
        EpochIterator a =
                ImagePipeline.of(set, 16, Layout.FLAT, Standardisation.NONE, aug, false, 5, List.of("a", "b", "c"));
        EpochIterator b =
                ImagePipeline.of(set, 16, Layout.FLAT, Standardisation.NONE, aug, false, 5, List.of("a", "b", "c"));
        INDArray a0 = a.next().getFeatures();
        assertEquals(a0, b.next().getFeatures(), "same seed, same epoch: same images");
        assertNotEquals(set.pixels(), a0, "augmented");
        a.reset();
        assertNotEquals(a0, a.next().getFeatures(), "next epoch: other transforms");
        b.setEpoch(0);
        assertEquals(a0, b.next().getFeatures(), "epoch 0 again");
        assertEquals(set.pixels(), inOrder(set, 16, Layout.FLAT).next().getFeatures(), "NONE leaves images as read");
        assertTrue(!Augmentation.NONE.enabled() && aug.enabled());
    }

    @Test
    void augmentationStreamDoesNotDependOnWhatIsSwitchedOn() {
        // the same three doubles and one boolean are drawn per image whatever is enabled
        SplittableRandom r1 = new SplittableRandom(9);
        SplittableRandom r2 = new SplittableRandom(9);
        float[] img = new float[6];
        float[] out = new float[6];
        new Augmentation(0.1, 0, false).apply(img, 0, out, 0, 2, 3, r1);
        new Augmentation(0, 10, true).apply(img, 0, out, 0, 2, 3, r2);
        assertEquals(r1.nextLong(), r2.nextLong());
    }

    @Test
    void dataVecRecordReaderFeedsRecordReaderDataSetIterator() {
        java.nio.file.Path images = dir.resolve("i-idx3-ubyte.gz");
        java.nio.file.Path labels = dir.resolve("l-idx1-ubyte");
        Idx.writeImages(images, 2, 3, IdxTest.PIXELS);
        Idx.writeLabels(labels, IdxTest.LABELS);
        IdxRecordReader reader = new IdxRecordReader();
        reader.initialize(new CollectionInputSplit(List.<URI>of(images.toUri(), labels.toUri())));

        DataSet all = new RecordReaderDataSetIterator(reader, 3, 1, 3).next();
        assertArrayEquals(new long[] {3, 6}, all.getFeatures().shape());
        assertEquals(13f, all.getFeatures().getFloat(1, 3), "grey levels as stored, as DataVec's image readers");
        assertEquals(255f, all.getFeatures().getFloat(2, 0));
        assertEquals(1f, all.getLabels().getFloat(0, 2), "image 0 has label 2");
        assertEquals(1f, all.getLabels().getFloat(1, 0));
        assertEquals(List.of("0", "1", "2"), reader.getLabels());
    }
}
