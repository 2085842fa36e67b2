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
 * per element; only the sums of the weight gradients run in one GEMM instead of one per time step, so results agree
 * with DL4J's to float rounding ({@code FastLstmTest}). Anything else returns null, which makes DL4J run its own
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

        float apply(float x) {
            return this == TANH ? tanh(x) : (x > 0 ? x : 0f);
        }

        /** The derivative, from the activation's output a = f(z). */
        float derivative(float a) {
            return this == TANH ? 1f - a * a : (a > 0 ? 1f : 0f);
        }
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** tanh through exp (Math.tanh is much slower); accurate to float rounding. */
    static float tanh(float x) {
        double ax = Math.abs(x);
        if (ax < 1e-4) {
            return x; // tanh x = x - x^3/3 + ...: the cubic term is below float's resolution
        }
        double t = 1.0 - 2.0 / (Math.exp(2 * ax) + 1.0);
        return (float) (x < 0 ? -t : t);
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
        INDArray out = workspaces.create(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {m, n, steps}, 'f');
        s.H.writeSteps(out, m * n, m, n, steps);
        ret.fwdPassOutput = out;
        ret.lastAct = workspaces.create(ArrayType.FF_WORKING_MEM, DataType.FLOAT, new long[] {m, n}, 'f');
        s.H.write2d(ret.lastAct, (long) steps * m * n, m, n);
        ret.lastMemCell = workspaces.create(ArrayType.FF_WORKING_MEM, DataType.FLOAT, new long[] {m, n}, 'f');
        s.C.write2d(ret.lastMemCell, (long) steps * m * n, m, n);
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
        s.E.writeSteps(epsilonOut, 0, s.m, s.nIn, s.steps);
        INDArray w = gradientViews.get(inputWeightKey);
        INDArray rw = gradientViews.get(recurrentWeightKey);
        INDArray b = gradientViews.get(biasWeightKey);
        s.dW.write2d(w, 0, s.nIn, 4 * s.n);
        s.dRW.write2d(rw, 0, s.n, 4 * s.n);
        s.dB.write2d(b, 0, 1, 4 * s.n);
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

    /** A native float buffer, grown on demand and kept, seen from Java as a FloatBuffer and from BLAS as a pointer. */
    static final class Buf {
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

        float get(int i) {
            return floats.get(i);
        }

        void put(int i, float v) {
            floats.put(i, v);
        }

        /**
         * Copies a [rows, cols] array (any strides) to rows x cols row-major at {@code at}; true when every value was
         * already there bit for bit.
         */
        boolean read2d(INDArray a, int at, int rows, int cols) {
            FloatBuffer src = a.data().asNioFloat();
            long off = a.offset();
            long rs = a.rank() == 1 ? 0 : a.stride(0), cs = a.rank() == 1 ? a.stride(0) : a.stride(1);
            boolean same = true;
            int d = at;
            for (int r = 0; r < rows; r++) {
                long base = off + r * rs;
                for (int c = 0; c < cols; c++, d++) {
                    float v = src.get((int) (base + c * cs));
                    if (Float.floatToRawIntBits(floats.get(d)) != Float.floatToRawIntBits(v)) {
                        same = false;
                        floats.put(d, v);
                    }
                }
            }
            return same;
        }

        /** Copies rows x cols row-major from {@code at} into a [rows, cols] array (any strides). */
        void write2d(INDArray a, long at, int rows, int cols) {
            FloatBuffer dst = a.data().asNioFloat();
            long off = a.offset();
            long rs = a.rank() == 1 ? 0 : a.stride(0), cs = a.rank() == 1 ? a.stride(0) : a.stride(1);
            int s = (int) at;
            for (int r = 0; r < rows; r++) {
                long base = off + r * rs;
                for (int c = 0; c < cols; c++, s++) {
                    dst.put((int) (base + c * cs), floats.get(s));
                }
            }
        }

        /**
         * Copies a [m, k, steps] array (any strides) to rows t*m + b of a (steps*m) x k row-major matrix; true when
         * every value was already there bit for bit.
         */
        boolean readSteps(INDArray a, int m, int k, int steps) {
            FloatBuffer src = a.data().asNioFloat();
            long off = a.offset(), s0 = a.stride(0), s1 = a.stride(1), s2 = a.stride(2);
            boolean same = true;
            int d = 0;
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < m; b++) {
                    long base = off + b * s0 + t * s2;
                    for (int c = 0; c < k; c++, d++) {
                        float v = src.get((int) (base + c * s1));
                        if (Float.floatToRawIntBits(floats.get(d)) != Float.floatToRawIntBits(v)) {
                            same = false;
                            floats.put(d, v);
                        }
                    }
                }
            }
            return same;
        }

        /** The inverse of {@link #readSteps}, from index {@code at} (H keeps the initial state first). */
        void writeSteps(INDArray a, int at, int m, int k, int steps) {
            FloatBuffer dst = a.data().asNioFloat();
            long off = a.offset(), s0 = a.stride(0), s1 = a.stride(1), s2 = a.stride(2);
            int s = at;
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < m; b++) {
                    long base = off + b * s0 + t * s2;
                    for (int c = 0; c < k; c++, s++) {
                        dst.put((int) (base + c * s1), floats.get(s));
                    }
                }
            }
        }
    }

    /**
     * One layer's working memory. Row-major matrices whose rows are (time step, example): X the input, G the four
     * gates' activations (overwritten by their deltas in the backward pass), C and H the cell state and output with
     * the initial state as step -1, AC the activation of the cell state; W, RW, B copies of the parameters.
     */
    static final class State {
        final Buf X = new Buf(), W = new Buf(), RW = new Buf(), B = new Buf(), G = new Buf(), C = new Buf();
        final Buf H = new Buf(), AC = new Buf(), DH = new Buf(), carry = new Buf();
        final Buf dW = new Buf(), dRW = new Buf(), dB = new Buf(), E = new Buf();
        int m, nIn, n, steps;
        Cell cell;
        /** G, C, H and AC hold the forward pass of the loaded input and parameters. */
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
            long rows = (long) steps * m;
            X.ensure(rows * nIn);
            W.ensure((long) nIn * 4 * n);
            RW.ensure((long) n * 4 * n);
            B.ensure(4L * n);
            G.ensure(rows * 4 * n);
            C.ensure(rows * n + (long) m * n);
            H.ensure(rows * n + (long) m * n);
            AC.ensure(rows * n);
            DH.ensure((long) m * n);
            carry.ensure((long) m * n);
            dW.ensure((long) nIn * 4 * n);
            dRW.ensure((long) n * 4 * n);
            dB.ensure(4L * n);
            E.ensure(rows * nIn);
            if (rows * 4 * n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("FastLstm: " + rows + " rows of " + 4 * n + " gates is too large");
            }
        }

        long bytes() {
            long total = 0;
            for (Buf b : new Buf[] {X, W, RW, B, G, C, H, AC, DH, carry, dW, dRW, dB, E}) {
                total += b.bytes();
            }
            return total;
        }

        /** Copies the input, parameters and initial state in; true when all of them are as last time. */
        boolean load(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray h0, INDArray c0) {
            boolean same = X.readSteps(input, m, nIn, steps);
            same &= W.read2d(w, 0, nIn, 4 * n);
            same &= RW.read2d(rw, 0, n, 4 * n);
            same &= B.read2d(b, 0, 1, 4 * n);
            same &= H.read2d(h0, 0, m, n);
            same &= C.read2d(c0, 0, m, n);
            return same;
        }

        void forward() {
            int rows = steps * m, g4 = 4 * n, mn = m * n;
            gemm(false, false, rows, g4, nIn, X, 0, nIn, W, 0, g4, 0f, G, 0, g4);
            for (int t = 0; t < steps; t++) {
                int gt = t * m * g4, prev = t * mn, next = prev + mn;
                gemm(false, false, m, g4, n, H, prev, n, RW, 0, g4, 1f, G, gt, g4);
                for (int b = 0; b < m; b++) {
                    int row = gt + b * g4, cell0 = b * n;
                    for (int j = 0; j < n; j++) {
                        float i = cell.apply(G.get(row + j) + B.get(j));
                        float f = sigmoid(G.get(row + n + j) + B.get(n + j));
                        float o = sigmoid(G.get(row + 2 * n + j) + B.get(2 * n + j));
                        float g = sigmoid(G.get(row + 3 * n + j) + B.get(3 * n + j));
                        float c = C.get(prev + cell0 + j) * f + g * i;
                        float ac = cell.apply(c);
                        G.put(row + j, i);
                        G.put(row + n + j, f);
                        G.put(row + 2 * n + j, o);
                        G.put(row + 3 * n + j, g);
                        C.put(next + cell0 + j, c);
                        AC.put(prev + cell0 + j, ac);
                        H.put(next + cell0 + j, ac * o);
                    }
                }
            }
            valid = true;
            generation++;
        }

        /** Backpropagation through time; leaves the weight gradients in dW, dRW, dB and the input's in E. */
        void backward(INDArray epsilon) {
            int rows = steps * m, g4 = 4 * n, mn = m * n;
            FloatBuffer eps = epsilon.data().asNioFloat();
            long eo = epsilon.offset(), e0 = epsilon.stride(0), e1 = epsilon.stride(1), e2 = epsilon.stride(2);
            for (int t = steps - 1; t >= 0; t--) {
                int gt = t * m * g4, prev = t * mn;
                boolean last = t == steps - 1;
                for (int b = 0; b < m; b++) {
                    long base = eo + b * e0 + t * e2;
                    for (int j = 0; j < n; j++) {
                        DH.put(b * n + j, eps.get((int) (base + j * e1)));
                    }
                }
                if (!last) { // the output's error from the next step, through the recurrent weights
                    gemm(false, true, m, n, g4, G, gt + m * g4, g4, RW, 0, g4, 1f, DH, 0, n);
                }
                for (int b = 0; b < m; b++) {
                    int row = gt + b * g4, cell0 = b * n;
                    for (int j = 0; j < n; j++) {
                        float nablaOut = DH.get(cell0 + j);
                        float i = G.get(row + j), f = G.get(row + n + j);
                        float o = G.get(row + 2 * n + j), g = G.get(row + 3 * n + j);
                        float ac = AC.get(prev + cell0 + j), cPrev = C.get(prev + cell0 + j);
                        float deltaO = (nablaOut * ac) * (o * (1 - o));
                        float nablaC = cell.derivative(ac) * (o * nablaOut);
                        if (!last) {
                            nablaC = nablaC + carry.get(cell0 + j);
                        }
                        float deltaF = ((f * (1 - f)) * nablaC) * cPrev;
                        float deltaG = ((g * (1 - g)) * i) * nablaC;
                        float deltaI = cell.derivative(i) * (g * nablaC);
                        carry.put(cell0 + j, f * nablaC);
                        G.put(row + j, deltaI);
                        G.put(row + n + j, deltaF);
                        G.put(row + 2 * n + j, deltaO);
                        G.put(row + 3 * n + j, deltaG);
                    }
                }
            }
            valid = false; // G now holds the deltas
            gemm(true, false, nIn, g4, rows, X, 0, nIn, G, 0, g4, 0f, dW, 0, g4);
            gemm(true, false, n, g4, rows, H, 0, n, G, 0, g4, 0f, dRW, 0, g4);
            gemm(false, true, rows, nIn, g4, G, 0, g4, W, 0, g4, 0f, E, 0, nIn);
            for (int c = 0; c < g4; c++) {
                dB.put(c, 0f);
            }
            for (int t = steps - 1; t >= 0; t--) { // per step, then over steps, as DL4J sums them
                for (int c = 0; c < g4; c++) {
                    float sum = 0f;
                    for (int b = 0, at = t * m * g4 + c; b < m; b++, at += g4) {
                        sum += G.get(at);
                    }
                    dB.put(c, dB.get(c) + sum);
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
            Buf a,
            long aAt,
            int lda,
            Buf b,
            long bAt,
            int ldb,
            float beta,
            Buf c,
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
