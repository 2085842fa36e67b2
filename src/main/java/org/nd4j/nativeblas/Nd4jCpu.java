package org.nd4j.nativeblas;

/**
 * Compatibility shim, see io.github.dl4jzoo.train.Engine. DL4J 1.0.0-M2.1's
 * {@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, but ND4J M2.1 moved
 * that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} (and renamed the flag isUseONEDNN), so the
 * lookup always fails and the native-op layer helpers (MKLDNNConvHelper, MKLDNNSubsamplingHelper, ...) never switch
 * on. This class restores the looked-up name. It answers {@code true} unless {@code -Ddl4jzoo.helpers=false}.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {}

    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return !"false".equalsIgnoreCase(System.getProperty("dl4jzoo.helpers"));
        }
    }
}
