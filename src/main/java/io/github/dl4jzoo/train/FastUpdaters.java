package io.github.dl4jzoo.train;

import java.nio.FloatBuffer;
import java.util.Map;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.NesterovsUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Adam and Nesterov momentum as plain Java loops over the network's own updater state.
 *
 * <p>Why: ND4J's native {@code adam_updater} op runs a per-element lambda that the compiler does not vectorise, plus
 * the cost of a custom-op call; on mlp's 235,146 parameters it took 2.2-2.75 ms a step where the same arithmetic in a
 * Java loop takes about 0.13 ms (src/bench/FINDINGS.md).
 *
 * <p>What stays DL4J's: the configuration (a saved model still names {@code Adam} or {@code Nesterovs}), the
 * updater-state array and its layout (DL4J's own {@link AdamUpdater}/{@link NesterovsUpdater} is created by the
 * configuration and cut the state into its views; this class only does their arithmetic on those views), gradient
 * normalisation, regularisation and the parameter step. So checkpoints and resumed runs are the same as DL4J's. The
 * arithmetic is libnd4j's, in the same order and in single precision: {@code FastUpdatersTest} holds it to DL4J's own
 * {@code fit} within 1e-5 relative. Anything other than contiguous FLOAT arrays falls back to the native op.
 */
public final class FastUpdaters {
    private FastUpdaters() {}

    /**
     * Swaps the Adam and Nesterovs blocks of a network's updater for the Java loops; call after {@code init()} or a
     * restore, before training. Returns how many blocks now use them (0 when switched off with
     * {@code -Ddl4jzoo.fastUpdater=false} or {@code -Ddl4jzoo.engine=naive}).
     */
    public static int install(MultiLayerNetwork net) {
        if (!Engine.enabled("fastUpdater")) {
            return 0;
        }
        Updater updater = net.getUpdater(true);
        if (!(updater instanceof BaseMultiLayerUpdater<?> multi)) {
            return 0;
        }
        int installed = 0;
        for (UpdaterBlock block : multi.getUpdaterBlocks()) {
            GradientUpdater<?> current = block.getGradientUpdater();
            if (current == null) {
                current =
                        config(block).instantiate(block.getUpdaterView(), block.isUpdaterViewRequiresInitialization());
            }
            GradientUpdater<?> fast = fast(current);
            if (fast != null) {
                block.setGradientUpdater(fast);
                installed++;
            } else if (block.getGradientUpdater() == null) {
                block.setGradientUpdater(current);
            }
        }
        return installed;
    }

    private static IUpdater config(UpdaterBlock block) {
        UpdaterBlock.ParamState first = block.getLayersAndVariablesInBlock().get(0);
        return first.getLayer().getConfig().getUpdaterByParam(first.getParamName());
    }

    private static GradientUpdater<?> fast(GradientUpdater<?> u) {
        if (u instanceof AdamUpdater a) {
            return new FastAdam(a);
        }
        if (u instanceof NesterovsUpdater n) {
            return new FastNesterovs(n);
        }
        return null; // already fast, or an updater without a Java loop here
    }

    /** True when the loop can address every array as {@code buffer[offset + i]}. */
    static boolean plain(INDArray... arrays) {
        long n = arrays[0].length();
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT
                    || a.length() != n
                    || a.elementWiseStride() != 1
                    || a.ordering() != 'c'
                    || a.offset() + n > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /**
     * The loops copy the direct buffers through heap arrays of this many floats: element by element on a direct
     * {@code FloatBuffer} the JIT neither removes the bounds checks nor vectorises (measured 1.4-2.2 ms an Adam step on
     * mlp's 235,146 parameters; src/bench/FINDINGS.md, Round 3), on a {@code float[]} it does both.
     */
    static final int CHUNK = 4096;

    private static FloatBuffer floats(INDArray a) {
        return a.data().asNioFloat();
    }

    /**
     * libnd4j's adam_updater: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g g; g = m lr sqrt(1 - b2^t) / (1 - b1^t) /
     * (sqrt(v) + eps), t = iteration + 1.
     */
    static final class FastAdam implements GradientUpdater<Adam> {
        private final AdamUpdater dl4j;

        FastAdam(AdamUpdater dl4j) {
            this.dl4j = dl4j;
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray m = dl4j.getM(), v = dl4j.getV();
            if (m == null || v == null || !plain(gradient, m, v)) {
                dl4j.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Adam c = dl4j.getConfig();
            float lr = (float) c.getLearningRate(iteration, epoch);
            float b1 = (float) c.getBeta1(), b2 = (float) c.getBeta2(), eps = (float) c.getEpsilon();
            float t = iteration + 1;
            float b1t = (float) Math.pow(b1, t), b2t = (float) Math.pow(b2, t);
            float step = (float) (lr * (float) Math.sqrt(1.0 - b2t) / (1.0 - b1t));
            if (Float.isNaN(step) || Float.isInfinite(step) || step == 0) {
                step = eps; // as libnd4j does
            }
            float a1 = 1 - b1, a2 = 1 - b2;
            FloatBuffer gb = floats(gradient), mb = floats(m), vb = floats(v);
            int go = (int) gradient.offset(), mo = (int) m.offset(), vo = (int) v.offset();
            int n = (int) gradient.length();
            float[] g = new float[CHUNK], mc = new float[CHUNK], vc = new float[CHUNK];
            for (int at = 0; at < n; at += CHUNK) {
                int len = Math.min(CHUNK, n - at);
                gb.get(go + at, g, 0, len);
                mb.get(mo + at, mc, 0, len);
                vb.get(vo + at, vc, 0, len);
                for (int i = 0; i < len; i++) {
                    float gi = g[i];
                    float mi = b1 * mc[i] + gi * a1;
                    float vi = b2 * vc[i] + gi * gi * a2;
                    mc[i] = mi;
                    vc[i] = vi;
                    g[i] = (mi * step) / ((float) Math.sqrt(vi) + eps);
                }
                gb.put(go + at, g, 0, len);
                mb.put(mo + at, mc, 0, len);
                vb.put(vo + at, vc, 0, len);
            }
        }

        @Override
        public Adam getConfig() {
            return dl4j.getConfig();
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            dl4j.setState(state, initialize);
        }

        @Override
        public Map<String, INDArray> getState() {
            return dl4j.getState();
        }

        @Override
        public void setStateViewArray(INDArray view, long[] shape, char order, boolean initialize) {
            dl4j.setStateViewArray(view, shape, order, initialize);
        }
    }

    /** libnd4j's nesterovs_updater: p = mu v; v = p - lr g; g = p + (-mu - 1) v. */
    static final class FastNesterovs implements GradientUpdater<Nesterovs> {
        private final NesterovsUpdater dl4j;

        FastNesterovs(NesterovsUpdater dl4j) {
            this.dl4j = dl4j;
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray v = dl4j.getV();
            if (v == null || !plain(gradient, v)) {
                dl4j.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Nesterovs c = dl4j.getConfig();
            float lr = (float) c.getLearningRate(iteration, epoch);
            float mu = (float) c.currentMomentum(iteration, epoch);
            float muT = -mu - 1;
            FloatBuffer gb = floats(gradient), vb = floats(v);
            int go = (int) gradient.offset(), vo = (int) v.offset();
            int n = (int) gradient.length();
            float[] g = new float[CHUNK], vc = new float[CHUNK];
            for (int at = 0; at < n; at += CHUNK) {
                int len = Math.min(CHUNK, n - at);
                gb.get(go + at, g, 0, len);
                vb.get(vo + at, vc, 0, len);
                for (int i = 0; i < len; i++) {
                    float prev = mu * vc[i];
                    float vi = prev - lr * g[i];
                    vc[i] = vi;
                    g[i] = prev + muT * vi;
                }
                gb.put(go + at, g, 0, len);
                vb.put(vo + at, vc, 0, len);
            }
        }

        @Override
        public Nesterovs getConfig() {
            return dl4j.getConfig();
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            dl4j.setState(state, initialize);
        }

        @Override
        public Map<String, INDArray> getState() {
            return dl4j.getState();
        }

        @Override
        public void setStateViewArray(INDArray view, long[] shape, char order, boolean initialize) {
            dl4j.setStateViewArray(view, shape, order, initialize);
        }
    }
}
