package io.github.dl4jzoo.train;

import java.lang.reflect.Field;
import java.nio.FloatBuffer;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code LSTM} layer computed as a few BLAS calls and plain Java loops, plugged in where DL4J plugs in its
 * cuDNN helper.
 *
 * <p>Why: DL4J's own LSTM ({@code LSTMHelpers}) issues about fifteen small ND4J operations per time step, forward and
 * backward, and each costs 16-22 µs of call overhead while the arithmetic of these layers is tiny; lstm-rows trained
 * 8.9x slower than PyTorch (src/bench/FINDINGS.md). Here the input projection of all time steps is one GEMM, each
 * step is one recurrent GEMM plus a Java loop over the gates, and the backward pass is one GEMM per step plus three
 * for the weight gradients and the input's epsilon, all through OpenBLAS (the library ND4J itself calls).
 *
 * <p>What stays DL4J's: the layer (a saved model is a plain DL4J {@code LSTM}, this helper is not saved), its
 * parameters and their layout (W [nIn, 4n], RW [n, 4n], b [1, 4n], gates in DL4J's order: block input with the
 * layer's activation, then forget, output and input-modulation gates with the sigmoid), the flattened gradient
 * (written into DL4J's gradient views) and everything around the layer. The arithmetic is DL4J's in the same order
 * per element, with two differences by design: the sums of the weight gradients run in one GEMM instead of one per
 * time step, and tanh and the sigmoid are rational approximations the JIT vectorises (within 4e-7 and 2e-7 of the
 * exact functions), so parameters after 30 Adam steps agree with DL4J's within 1e-5 relative ({@code FastLstmTest};
 * measured 2.3e-6). Anything else returns null, which makes DL4J run its own
 * loop: masks, peepholes, other activations, non-FLOAT arrays, truncated BPTT (not installed then).
 *
 * <p>DL4J runs the forward pass twice per training step (once for the output, again inside backprop). The second
 * run is skipped when the layer's input, parameters and initial state are bit-for-bit those of the first, which
 * this class checks on its own copies of them, so the result is the same as recomputing.
 */
public final class FastLstm implements LSTMHelper {
    private static final Field HELPER = helperField();
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private final State state = new State();

    private FastLstm() {}

    /**
     * Puts the helper on every DL4J {@code LSTM} layer of the network (also inside wrappers such as
     * {@code LastTimeStep}); call after {@code init()} or a restore. Returns how many layers now use it: 0 when
     * switched off ({@code -Ddl4jzoo.javaLstm=false} or {@code -Ddl4jzoo.engine=naive}) or for truncated BPTT.
     */
    public static int install(MultiLayerNetwork net) {
        if (!Engine.enabled("javaLstm")
                || net.getLayerWiseConfigurations().getBackpropType() == BackpropType.TruncatedBPTT) {
            return 0;
        }
        int installed = 0;
        for (Layer layer : net.getLayers()) {
            installed += install(layer);
        }
        return installed;
    }

    private static int install(Layer layer) {
        if (layer instanceof BaseWrapperLayer w) {
            return install(w.getUnderlying());
        }
        if (layer.getClass() != LSTM.class) {
            return 0; // GravesLSTM (peepholes) and anything else keep DL4J's own code
        }
        try {
            Object current = HELPER.get(layer);
            if (current instanceof FastLstm) {
                return 1;
            }
            if (current != null) {
                return 0; // another helper (cuDNN) is in charge
            }
            HELPER.set(layer, new FastLstm());
            return 1;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set the LSTM helper of " + layer, e);
        }
    }

    private static Field helperField() {
        try {
            Field f = LSTM.class.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(
                    "DL4J's LSTM has no helper field: not the DL4J version this was built for", e);
        }
    }

    /** The layer's own activation, applied to the block input and the cell state. */
    enum Cell {
        TANH,
        RELU;

        static Cell of(IActivation a) {
            if (a.getClass() == ActivationTanH.class) {
                return TANH;
            }
            if (a instanceof ActivationReLU r
                    && a.getClass() == ActivationReLU.class
                    && r.getMax() == null
                    && r.getThreshold() == null
                    && r.getNegativeSlope() == null) {
                return RELU;
            }
            return null;
        }

        /** v[from..from+len) = f(v), in loops the JIT can vectorise. */
        void apply(float[] v, int from, int len) {
            if (this == TANH) {
                for (int i = from; i < from + len; i++) {
                    v[i] = FastDense.tanh(v[i]);
                }
            } else {
                for (int i = from; i < from + len; i++) {
                    v[i] = v[i] > 0 ? v[i] : 0f;
                }
            }
        }

        /** The derivative, from the activation's output a = f(z). */
        float derivative(float a) {
            return this == TANH ? 1f - a * a : (a > 0 ? 1f : 0f);
        }
    }

    /**
     * v[from..from+len) = the logistic sigmoid of v, as 1/2 + tanh(x/2)/2 with {@link FastDense#tanh}: only
     * multiplications, additions and a division, so the JIT vectorises the loop, where {@code Math.exp} is one call
     * per element. Within 2e-7 of {@code 1/(1+exp(-x))} everywhere ({@code FastLstmTest}).
     */
    static void sigmoid(float[] v, int from, int len) {
        for (int i = from; i < from + len; i++) {
            v[i] = 0.5f * FastDense.tanh(0.5f * v[i]) + 0.5f;
        }
    }

    @Override
    public boolean checkSupported(IActivation gate, IActivation activation, boolean peepholes) {
        return gate.getClass() == ActivationSigmoid.class && Cell.of(activation) != null && !peepholes;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of("fastLstmBuffers", state.bytes());
    }

    /** What the backward pass needs: the state holding this forward pass, and which forward pass it was. */
    private static final class Forward extends FwdPassReturn {
        final long generation;
        final Cell cell;

        Forward(long generation, Cell cell) {
            this.generation = generation;
            this.cell = cell;
        }
    }

    @Override
    public FwdPassReturn activate(
            Layer layer,
            NeuralNetConfiguration conf,
            IActivation gate,
            INDArray input,
            INDArray recurrentWeights,
            INDArray inputWeights,
            INDArray biases,
            boolean training,
            INDArray prevOutput,
            INDArray prevMemCell,
            boolean forBackprop,
            boolean forwards,
            String inputWeightKey,
            INDArray mask,
            boolean peepholes,
            LayerWorkspaceMgr workspaces) {
        Cell cell = Cell.of(((BaseLayer) conf.getLayer()).getActivationFn());
        if (cell == null
                || gate.getClass() != ActivationSigmoid.class
                || mask != null
                || peepholes
                || !forwards
                || input.rank() != 3
                || !floats(input, recurrentWeights, inputWeights, biases, prevOutput, prevMemCell)) {
            return null;
        }
        int m = (int) input.size(0), nIn = (int) input.size(1), steps = (int) input.size(2);
        int n = (int) recurrentWeights.size(0);
        if (recurrentWeights.size(1) != 4L * n
                || inputWeights.size(0) != nIn
                || inputWeights.size(1) != 4L * n
                || biases.length() != 4L * n) {
            return null;
        }
        State s = state;
        s.shape(m, nIn, n, steps, cell);
        boolean same = s.load(input, inputWeights, recurrentWeights, biases, prevOutput, prevMemCell);
        if (!same || !s.valid) {
            s.forward();
        }
        Forward ret = new Forward(s.generation, cell);
        int mn = m * n;
        ret.fwdPassOutput = workspaces.create(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {m, n, steps}, 'f');
        s.io.write(ret.fwdPassOutput, s.h, mn, m, n, steps);
        ret.lastAct = workspaces.create(ArrayType.FF_WORKING_MEM, DataType.FLOAT, new long[] {m, n}, 'f');
        s.io.write(ret.lastAct, s.h, steps * mn, m, n, 1);
        ret.lastMemCell = workspaces.create(ArrayType.FF_WORKING_MEM, DataType.FLOAT, new long[] {m, n}, 'f');
        s.io.write(ret.lastMemCell, s.c, steps * mn, m, n, 1);
        return ret;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
            NeuralNetConfiguration conf,
            IActivation gate,
            INDArray input,
            INDArray recurrentWeights,
            INDArray inputWeights,
            INDArray epsilon,
            boolean truncatedBPTT,
            int tbpttBackwardLength,
            FwdPassReturn fwdPass,
            boolean forwards,
            String inputWeightKey,
            String recurrentWeightKey,
            String biasWeightKey,
            Map<String, INDArray> gradientViews,
            INDArray mask,
            boolean peepholes,
            LayerWorkspaceMgr workspaces) {
        if (!(fwdPass instanceof Forward f)) {
            return null; // DL4J ran the forward pass, so it runs the backward pass too
        }
        State s = state;
        if (truncatedBPTT || !s.valid || s.generation != f.generation || epsilon.rank() != 3) {
            throw new IllegalStateException("FastLstm: backward pass without its forward pass (truncated BPTT: "
                    + truncatedBPTT + ", stale forward pass: " + (s.generation != f.generation) + ")");
        }
        INDArray epsilonOut =
                workspaces.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[] {s.m, s.nIn, s.steps}, 'f');
        s.backward(epsilon);
        s.io.write(epsilonOut, s.e, 0, s.m, s.nIn, s.steps);
        INDArray w = gradientViews.get(inputWeightKey);
        INDArray rw = gradientViews.get(recurrentWeightKey);
        INDArray b = gradientViews.get(biasWeightKey);
        s.io.write(w, s.dW, 0, s.nIn, 4 * s.n, 1);
        s.io.write(rw, s.dRW, 0, s.n, 4 * s.n, 1);
        s.io.write(b, s.dB, 0, 1, 4 * s.n, 1);
        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(inputWeightKey, w);
        g.gradientForVariable().put(recurrentWeightKey, rw);
        g.gradientForVariable().put(biasWeightKey, b);
        return new Pair<>(g, epsilonOut);
    }

    private static boolean floats(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a == null || a.dataType() != DataType.FLOAT || a.data().length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** Native float memory that BLAS reads and writes, grown on demand and kept. */
    static final class Native {
        private FloatPointer pointer;
        private FloatBuffer floats;

        void ensure(long size) {
            if (pointer != null && pointer.capacity() >= size) {
                return;
            }
            if (pointer != null) {
                pointer.close();
            }
            pointer = new FloatPointer(Math.max(1, size));
            floats = pointer.asBuffer();
        }

        long bytes() {
            return pointer == null ? 0 : pointer.capacity() * Float.BYTES;
        }

        FloatPointer at(long offset) {
            return new FloatPointer(pointer).position(offset);
        }

        /** Copies heap[at, at + length) to the same indices here. */
        void from(float[] heap, int at, int length) {
            floats.put(at, heap, at, length);
        }

        /** Copies [at, at + length) from here to the same indices of the heap array. */
        void to(float[] heap, int at, int length) {
            floats.get(at, heap, at, length);
        }
    }

    static float[] grow(float[] a, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("FastLstm: " + size + " floats is too large for one layer");
        }
        return a.length >= size ? a : new float[(int) size];
    }

    /** How many elements from the array's offset its last element lies, plus one. */
    private static long span(INDArray a) {
        long span = 1;
        for (int d = 0; d < a.rank(); d++) {
            span += (a.size(d) - 1) * a.stride(d);
        }
        return span;
    }

    /** Strides of a as [rows, cols, steps], with 0 for the dimensions a lacks (a [4n] bias is one row). */
    private static long[] strides3(INDArray a) {
        return switch (a.rank()) {
            case 1 -> new long[] {0, a.stride(0), 0};
            case 2 -> new long[] {a.stride(0), a.stride(1), 0};
            default -> new long[] {a.stride(0), a.stride(1), a.stride(2)};
        };
    }

    /**
     * Moves arrays between ND4J's layouts (any strides) and the row-major heap matrices below in bulk: ND4J's buffer is
     * copied whole to or from a staging array, and the Java loops index that.
     */
    static final class Staging {
        private float[] raw = new float[0];

        private float[] pull(INDArray a) {
            long span = span(a);
            raw = grow(raw, span);
            a.data().asNioFloat().get((int) a.offset(), raw, 0, (int) span);
            return raw;
        }

        /**
         * Copies a [rows, cols, steps] array to dst[at + ((t * rows + r) * cols + c)] (steps = 1 for matrices); true
         * when every value was already there bit for bit.
         */
        boolean read(INDArray a, float[] dst, int at, int rows, int cols, int steps) {
            float[] src = pull(a);
            long[] st = strides3(a);
            boolean same = true;
            int d = at;
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < rows; r++) {
                    long base = r * st[0] + t * st[2];
                    for (int c = 0; c < cols; c++, d++) {
                        float v = src[(int) (base + c * st[1])];
                        if (Float.floatToRawIntBits(dst[d]) != Float.floatToRawIntBits(v)) {
                            same = false;
                            dst[d] = v;
                        }
                    }
                }
            }
            return same;
        }

        /** The inverse of {@link #read}. */
        void write(INDArray a, float[] src, int at, int rows, int cols, int steps) {
            long span = span(a);
            long[] st = strides3(a);
            FloatBuffer dst = a.data().asNioFloat();
            boolean dense = span == a.length();
            if (dense) {
                raw = grow(raw, span);
            }
            int s = at;
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < rows; r++) {
                    long base = r * st[0] + t * st[2];
                    for (int c = 0; c < cols; c++, s++) {
                        int i = (int) (base + c * st[1]);
                        if (dense) {
                            raw[i] = src[s];
                        } else {
                            dst.put((int) a.offset() + i, src[s]);
                        }
                    }
                }
            }
            if (dense) {
                dst.put((int) a.offset(), raw, 0, (int) span);
            }
        }
    }

    /**
     * One layer's working memory: row-major matrices whose rows are (time step, example), on the Java heap for the
     * gate loops and in native memory where BLAS reads or writes them. x the input; g the four gates' activations
     * (overwritten by their deltas in the backward pass); c and h the cell state and output with the initial state as
     * step -1; ac the activation of the cell state; w, rw, bias copies of the parameters.
     */
    static final class State {
        final Native nX = new Native(), nW = new Native(), nRW = new Native(), nG = new Native(), nH = new Native();
        final Native nS = new Native(), nDW = new Native(), nDRW = new Native(), nE = new Native();
        float[] x = new float[0], w = new float[0], rw = new float[0], bias = new float[0], g = new float[0];
        float[] c = new float[0], h = new float[0], ac = new float[0], s = new float[0], eps = new float[0];
        float[] carry = new float[0], dW = new float[0], dRW = new float[0], dB = new float[0], e = new float[0];
        final Staging io = new Staging();
        int m, nIn, n, steps;
        Cell cell;
        /** g, c, h and ac hold the forward pass of the loaded input and parameters. */
        boolean valid;

        long generation;

        void shape(int m, int nIn, int n, int steps, Cell cell) {
            if (m == this.m && nIn == this.nIn && n == this.n && steps == this.steps && cell == this.cell) {
                return;
            }
            this.m = m;
            this.nIn = nIn;
            this.n = n;
            this.steps = steps;
            this.cell = cell;
            valid = false;
            long rows = (long) steps * m, mn = (long) m * n;
            nX.ensure(rows * nIn);
            nW.ensure((long) nIn * 4 * n);
            nRW.ensure((long) n * 4 * n);
            nG.ensure(rows * 4 * n);
            nH.ensure(rows * n + mn);
            nS.ensure((long) m * 4 * n);
            nDW.ensure((long) nIn * 4 * n);
            nDRW.ensure((long) n * 4 * n);
            nE.ensure(rows * nIn);
            x = grow(x, rows * nIn);
            w = grow(w, (long) nIn * 4 * n);
            rw = grow(rw, (long) n * 4 * n);
            bias = grow(bias, 4L * n);
            g = grow(g, rows * 4 * n);
            c = grow(c, rows * n + mn);
            h = grow(h, rows * n + mn);
            ac = grow(ac, rows * n);
            s = grow(s, (long) m * 4 * n);
            eps = grow(eps, rows * n);
            carry = grow(carry, mn);
            dW = grow(dW, (long) nIn * 4 * n);
            dRW = grow(dRW, (long) n * 4 * n);
            dB = grow(dB, 4L * n);
            e = grow(e, rows * nIn);
        }

        long bytes() {
            long total = 0;
            for (Native b : new Native[] {nX, nW, nRW, nG, nH, nS, nDW, nDRW, nE}) {
                total += b.bytes();
            }
            for (float[] a : new float[][] {x, w, rw, bias, g, c, h, ac, s, eps, carry, dW, dRW, dB, e}) {
                total += (long) a.length * Float.BYTES;
            }
            return total;
        }

        /** Copies the input, parameters and initial state in; true when all of them are as last time. */
        boolean load(INDArray input, INDArray wIn, INDArray rwIn, INDArray b, INDArray h0, INDArray c0) {
            int g4 = 4 * n, mn = m * n;
            boolean sameX = io.read(input, x, 0, m, nIn, steps);
            boolean sameW = io.read(wIn, w, 0, nIn, g4, 1);
            boolean sameRW = io.read(rwIn, rw, 0, n, g4, 1);
            boolean sameB = io.read(b, bias, 0, 1, g4, 1);
            boolean sameH = io.read(h0, h, 0, m, n, 1);
            boolean sameC = io.read(c0, c, 0, m, n, 1);
            if (!sameX || !valid) {
                nX.from(x, 0, steps * m * nIn);
            }
            if (!sameW || !valid) {
                nW.from(w, 0, nIn * g4);
            }
            if (!sameRW || !valid) {
                nRW.from(rw, 0, n * g4);
            }
            if (!sameH || !valid) {
                nH.from(h, 0, mn);
            }
            return sameX && sameW && sameRW && sameB && sameH && sameC;
        }

        void forward() {
            int rows = steps * m, g4 = 4 * n, mn = m * n;
            gemm(false, false, rows, g4, nIn, nX, 0, nIn, nW, 0, g4, 0f, nG, 0, g4);
            nG.to(g, 0, rows * g4);
            for (int t = 0; t < steps; t++) {
                int gt = t * m * g4, prev = t * mn, next = prev + mn;
                gemm(false, false, m, g4, n, nH, prev, n, nRW, 0, g4, 0f, nS, 0, g4);
                nS.to(s, 0, m * g4);
                for (int b = 0; b < m; b++) {
                    int row = gt + b * g4, sr = b * g4, cell0 = b * n;
                    for (int k = 0; k < g4; k++) { // the pre-activations, summed in DL4J's order
                        g[row + k] = (g[row + k] + s[sr + k]) + bias[k];
                    }
                    cell.apply(g, row, n);
                    sigmoid(g, row + n, 3 * n);
                    for (int j = 0; j < n; j++) {
                        c[next + cell0 + j] = c[prev + cell0 + j] * g[row + n + j] + g[row + 3 * n + j] * g[row + j];
                    }
                    System.arraycopy(c, next + cell0, ac, prev + cell0, n);
                    cell.apply(ac, prev + cell0, n);
                    for (int j = 0; j < n; j++) {
                        h[next + cell0 + j] = ac[prev + cell0 + j] * g[row + 2 * n + j];
                    }
                }
                nH.from(h, next, mn);
            }
            valid = true;
            generation++;
        }

        /** Backpropagation through time; leaves the weight gradients in dW, dRW, dB and the input's in e. */
        void backward(INDArray epsilon) {
            int rows = steps * m, g4 = 4 * n, mn = m * n;
            io.read(epsilon, eps, 0, m, n, steps);
            for (int t = steps - 1; t >= 0; t--) {
                int gt = t * m * g4, prev = t * mn;
                boolean last = t == steps - 1;
                if (!last) { // the output's error from the next step, through the recurrent weights
                    gemm(false, true, m, n, g4, nG, gt + m * g4, g4, nRW, 0, g4, 0f, nS, 0, n);
                    nS.to(s, 0, mn);
                }
                for (int b = 0; b < m; b++) {
                    int row = gt + b * g4, cell0 = b * n;
                    for (int j = 0; j < n; j++) {
                        float nablaOut = last ? eps[prev + cell0 + j] : eps[prev + cell0 + j] + s[cell0 + j];
                        float i = g[row + j], f = g[row + n + j], o = g[row + 2 * n + j], gg = g[row + 3 * n + j];
                        float act = ac[prev + cell0 + j], cPrev = c[prev + cell0 + j];
                        float deltaO = (nablaOut * act) * (o * (1 - o));
                        float nablaC = cell.derivative(act) * (o * nablaOut);
                        if (!last) {
                            nablaC = nablaC + carry[cell0 + j];
                        }
                        carry[cell0 + j] = f * nablaC;
                        g[row + j] = cell.derivative(i) * (gg * nablaC);
                        g[row + n + j] = ((f * (1 - f)) * nablaC) * cPrev;
                        g[row + 2 * n + j] = deltaO;
                        g[row + 3 * n + j] = ((gg * (1 - gg)) * i) * nablaC;
                    }
                }
                nG.from(g, gt, m * g4);
            }
            valid = false; // g now holds the deltas
            gemm(true, false, nIn, g4, rows, nX, 0, nIn, nG, 0, g4, 0f, nDW, 0, g4);
            gemm(true, false, n, g4, rows, nH, 0, n, nG, 0, g4, 0f, nDRW, 0, g4);
            gemm(false, true, rows, nIn, g4, nG, 0, g4, nW, 0, g4, 0f, nE, 0, nIn);
            nDW.to(dW, 0, nIn * g4);
            nDRW.to(dRW, 0, n * g4);
            nE.to(e, 0, rows * nIn);
            java.util.Arrays.fill(dB, 0, g4, 0f);
            for (int t = steps - 1; t >= 0; t--) { // per step, then over steps, as DL4J sums them
                for (int col = 0; col < g4; col++) {
                    float sum = 0f;
                    for (int b = 0, at = t * m * g4 + col; b < m; b++, at += g4) {
                        sum += g[at];
                    }
                    dB[col] += sum;
                }
            }
        }
    }

    /** C = A' B' + beta C on row-major matrices, A' = A or its transpose. */
    private static void gemm(
            boolean transA,
            boolean transB,
            int rows,
            int cols,
            int inner,
            Native a,
            long aAt,
            int lda,
            Native b,
            long bAt,
            int ldb,
            float beta,
            Native c,
            long cAt,
            int ldc) {
        openblas_nolapack.cblas_sgemm(
                ROW_MAJOR,
                transA ? TRANS : NO_TRANS,
                transB ? TRANS : NO_TRANS,
                rows,
                cols,
                inner,
                1f,
                a.at(aAt),
                lda,
                b.at(bAt),
                ldb,
                beta,
                c.at(cAt),
                ldc);
    }
}
