package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Registry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** Each switch takes only what it can honour; anything else is one line naming the property and the values. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "convThreads | 3     | -Ddl4jzoo.convThreads=3: expected 1 or 2",
                "convThreads | 0     | -Ddl4jzoo.convThreads=0: expected 1 or 2",
                "fastConv    | flase | -Ddl4jzoo.fastConv=flase: expected true or false",
                "engine      | fast  | -Ddl4jzoo.engine=fast: expected tuned or naive",
                "threads     | two   | -Ddl4jzoo.threads=two: expected a whole number of threads, or 0 for ND4J's"
                        + " default",
                "threads     | -1    | -Ddl4jzoo.threads=-1: expected a whole number of threads, or 0 for ND4J's"
                        + " default",
                "profiling   | all   | -Ddl4jzoo.profiling=all: expected one of DISABLED, NAN_PANIC, INF_PANIC,"
                        + " ANY_PANIC, OPERATIONS, METHODS, ALL, SCOPE_PANIC, BANDWIDTH"
            })
    void aSwitchItCannotHonourIsRefusedInOneLine(String key, String value, String message) {
        System.setProperty("dl4jzoo." + key, value);
        try {
            assertEquals(
                    message,
                    assertThrows(TrainException.class, Engine::configure).getMessage());
        } finally {
            System.clearProperty("dl4jzoo." + key);
        }
        assertEquals("tuned", Engine.configure().get("engine"));
    }

    @Test
    void convolutionThreadsFollowTheSwitch() {
        assertEquals(Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1, Engine.convThreads());
        for (String value : List.of("1", "2")) {
            System.setProperty("dl4jzoo.convThreads", value);
            try {
                assertEquals(Integer.parseInt(value), Engine.convThreads());
                System.setProperty("dl4jzoo.engine", "NAIVE");
                assertEquals(1, Engine.convThreads(), "the naive engine keeps DL4J's own single thread");
            } finally {
                System.clearProperty("dl4jzoo.convThreads");
                System.clearProperty("dl4jzoo.engine");
            }
        }
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
