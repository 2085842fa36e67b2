package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Registry;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** The engine settings are in force, read back from ND4J and DL4J rather than from what Engine says it did. */
class EngineTest {
    @BeforeAll
    static void configure() {
        Engine.configure();
    }

    @Test
    void configureReportsWhatItApplied() {
        Map<String, String> applied = Engine.configure();
        assertEquals("tuned", applied.get("engine"));
        assertEquals("1", applied.get("threads"));
    }

    /** The tests' JVM already has OMP_NUM_THREADS=1 (pom); ND4J's master threads are Engine's alone. */
    @Test
    void ndFourJRunsOneThread() {
        assertEquals(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
    }

    @Test
    void lenetsConvolutionAndPoolingLayersRunOnOneDnnHelpers() {
        MultiLayerNetwork net = Networks.build(Registry.load(Path.of("models")).get("lenet5"));
        int checked = 0;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof ConvolutionLayer conv) {
                assertInstanceOf(
                        MKLDNNConvHelper.class,
                        conv.getHelper(),
                        layer.conf().getLayer().getLayerName());
                checked++;
            } else if (layer instanceof SubsamplingLayer pool) {
                assertInstanceOf(
                        MKLDNNSubsamplingHelper.class,
                        pool.getHelper(),
                        layer.conf().getLayer().getLayerName());
                checked++;
            }
        }
        assertEquals(4, checked, "conv1, pool1, conv2, pool2");
    }

    /** The pom's onednn-x86_64 profile puts ND4J's oneDNN build on the class path; it must be the one loaded. */
    @Test
    void theOneDnnBuildOfLibnd4jIsLoadedOnLinuxX8664() {
        boolean linuxX8664 = System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("amd64");
        String library = Engine.nativeLibrary();
        assertEquals(linuxX8664, library.contains("onednn"), library);
        assertTrue(library.endsWith("libnd4jcpu.so") || !linuxX8664, library);
    }
}
