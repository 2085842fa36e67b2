package io.github.dl4jzoo.bench;

import io.github.dl4jzoo.data.Augmentation;
import io.github.dl4jzoo.data.IdxFolder;
import io.github.dl4jzoo.data.ImageData;
import io.github.dl4jzoo.data.ImagePipeline;
import io.github.dl4jzoo.data.Layout;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark (not a test): how long the Fashion-MNIST training and test sets take from their .gz
 * files to an iterator that is ready to hand out its first batch, measured the way the PyTorch
 * peer ({@code shared/peer/pytorch_peer.py}, "INFO data load ... s") measures its own load: after
 * the framework is initialised, over both splits, in the MLP's flat layout and batch 128.
 *
 * <p>Usage: {@code java -cp CLASSPATH io.github.dl4jzoo.bench.LoadBenchmark [DIR]} (default
 * Debian's {@code /usr/share/datasets/fashion-mnist}).
 */
public final class LoadBenchmark {
    private static final int PEER_MLP_BATCH = 128;
    private static final long SEED = 123;

    private LoadBenchmark() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        Nd4j.create(1); // load the native backend first, as the peer imports torch before timing
        long start = System.nanoTime();
        ImageData data = ImageData.read("fashion-mnist", IdxFolder.files(dir), List.of());
        ImagePipeline.Iterators its =
                new ImagePipeline(PEER_MLP_BATCH, Layout.FLAT, 0, false, Augmentation.NONE, SEED).build(data);
        DataSet first = its.train().next();
        double seconds = (System.nanoTime() - start) / 1e9;
        int batches = (its.train().size() + PEER_MLP_BATCH - 1) / PEER_MLP_BATCH;
        System.out.printf(
                "INFO data load %.2f s, %d train batches, %d test images, first batch %s%n",
                seconds,
                batches,
                its.test().size(),
                java.util.Arrays.toString(first.getFeatures().shape()));
    }
}
