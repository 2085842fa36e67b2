package io.github.dl4jzoo.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * One training step (and inference) of a network made only of dense layers, with the fewest native calls: a
 * {@code MultiLayerNetwork} of {@link DenseLayer}s and one {@link OutputLayer} computes forward and backward as
 * OpenBLAS GEMMs written straight into the network's own parameter and gradient arrays, with the elementwise work
 * (bias, activation, loss gradient) as Java loops. The first layer's epsilon, which nothing reads, is not computed.
 *
 * <p>Why: DL4J spends most of a small dense network's iteration outside arithmetic (workspaces, per-op validation
 * and dispatch, a JavaCPP pointer per shape): on mlp (784-256-128-10, batch 128) about 5 of 6.3 ms, against
 * 1.3-1.5 ms of GEMM (src/bench/FINDINGS.md, "Round 3: dense").
 *
 * <p>What stays DL4J's: the network object, its parameters and gradient views, its updater ({@code
 * BaseMultiLayerUpdater.update}: division by the batch size, gradient normalisation, regularisation, the updater
 * block, FastUpdaters included), the parameter step {@code params -= update}, the iteration and epoch counts and
 * the score (loss averaged over the batch plus the regularisation score, before the step). A checkpoint is a plain
 * DL4J model. {@code FastDenseTest} holds parameters and score to DL4J's own {@code fit} within 1e-5 relative.
 *
 * <p>Convolutional networks: leading DL4J {@code ConvolutionLayer}s and max {@code SubsamplingLayer}s (stride-1
 * unpadded convolutions, NCHW, then DL4J's {@code CnnToFeedForwardPreProcessor}) train through {@link FastConv} in
 * front of the dense layers, the first dense layer's epsilon handed back to it. Their inference stays DL4J's
 * {@code output} (oneDNN's kernels, as fast or faster there). Off: {@code -Ddl4jzoo.fastConv=false}.
 *
 * <p>Supported: activations relu (plain), tanh, sigmoid, identity in hidden layers; output softmax with MCXENT or
 * identity with MSE, without loss weights; FLOAT parameters; no dropout, weight noise, layer norm, constraints,
 * other preprocessors or masks; no DL4J listeners but the zoo's {@link GradientStats} ({@code --gradients}), which
 * it calls where DL4J's {@code fit} would. Anything else, or {@code -Ddl4jzoo.fastDense=false}, goes to DL4J's own
 * {@code fit}/{@code output}.
 */
public final class FastDense {
    private static final int ROW = openblas_nolapack.CblasRowMajor;
    private static final int COL = openblas_nolapack.CblasColMajor;
    private static final int NT = openblas_nolapack.CblasNoTrans;
    private static final int TR = openblas_nolapack.CblasTrans;

    enum Act {
        RELU,
        TANH,
        SIGMOID,
        IDENTITY,
        SOFTMAX
    }

    private final MultiLayerNetwork net;
    /** null when the network is not supported: every call goes to DL4J. */
    private final Plan plan;

    private FastDense(MultiLayerNetwork net, Plan plan) {
        this.net = net;
        this.plan = plan;
    }

    /** The step for {@code net}: the fast path when the network qualifies and it is switched on, DL4J's otherwise. */
    public static FastDense of(MultiLayerNetwork net) {
        boolean on = Engine.enabled("fastDense") && unsupported(net) == null;
        return new FastDense(net, on ? new Plan(net) : null);
    }

    public MultiLayerNetwork network() {
        return net;
    }

    /** True when {@link #fit} and {@link #output} run the fast path (they may still hand a batch to DL4J). */
    public boolean active() {
        return plan != null;
    }

    /** Why {@code net} cannot take the fast path, or null when it can. */
    public static String unsupported(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        if (conf.getBackpropType() != BackpropType.Standard) return "backprop type " + conf.getBackpropType();
        if (net.params() == null || net.params().dataType() != DataType.FLOAT) return "parameters not FLOAT";
        int n = net.getnLayers(), first = FastConv.count(net);
        if (first == n)
            return "layer " + (n - 1) + " is "
                    + conf.getConf(n - 1).getLayer().getClass().getSimpleName();
        String front = first > 0 ? FastConv.unsupported(net, first) : null;
        if (front != null) return front;
        if (first == 0 && !conf.getInputPreProcessors().isEmpty()) return "input preprocessors";
        for (int i = first; i < n; i++) {
            org.deeplearning4j.nn.conf.layers.Layer l = conf.getConf(i).getLayer();
            boolean last = i == n - 1;
            if (last ? l.getClass() != OutputLayer.class : l.getClass() != DenseLayer.class) {
                return "layer " + i + " is " + l.getClass().getSimpleName();
            }
            BaseLayer b = (BaseLayer) l;
            if (l.getIDropout() != null) return "layer " + i + " has dropout";
            if (b.getWeightNoise() != null) return "layer " + i + " has weight noise";
            if (l.getConstraints() != null && !l.getConstraints().isEmpty()) return "layer " + i + " has constraints";
            if (l instanceof DenseLayer d && d.hasLayerNorm()) return "layer " + i + " has layer norm";
            if (!conf.getConf(i).isMiniBatch()) return "layer " + i + " is not mini-batch";
            Act a = act(b.getActivationFn());
            if (a == null || (a == Act.SOFTMAX && !last)) {
                return "layer " + i + " activation " + b.getActivationFn();
            }
            if (last) {
                ILossFunction loss = ((OutputLayer) l).getLossFn();
                boolean xent = loss instanceof LossMCXENT x
                        && x.getClass() == LossMCXENT.class
                        && x.getWeights() == null
                        && a == Act.SOFTMAX;
                boolean mse = loss instanceof LossMSE m
                        && m.getClass() == LossMSE.class
                        && m.getWeights() == null
                        && a == Act.IDENTITY;
                if (!xent && !mse) return "output loss " + loss + " with " + b.getActivationFn();
            }
        }
        return null;
    }

    static Act act(IActivation f) {
        if (f instanceof ActivationReLU r) {
            boolean plain = r.getMax() == null
                    && (r.getThreshold() == null || r.getThreshold() == 0)
                    && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0);
            return plain ? Act.RELU : null;
        }
        if (f instanceof ActivationTanH) return Act.TANH;
        if (f instanceof ActivationSigmoid) return Act.SIGMOID;
        if (f instanceof ActivationIdentity) return Act.IDENTITY;
        if (f instanceof ActivationSoftmax) return Act.SOFTMAX;
        return null;
    }

    /** As {@code net.fit(batch)}. */
    public void fit(DataSet batch) {
        if (plan == null || batch.getFeaturesMaskArray() != null || batch.getLabelsMaskArray() != null) {
            net.fit(batch);
        } else {
            fit(batch.getFeatures(), batch.getLabels());
        }
    }

    /** As {@code net.fit(features, labels)}: one iteration. */
    public synchronized void fit(INDArray features, INDArray labels) {
        if (!takes(features, labels)) {
            net.fit(features, labels);
            return;
        }
        plan.step(net, plain(features), plain(labels));
    }

    /**
     * The fast path's forward and backward alone, as DL4J's {@code computeGradientAndScore}: the gradient in the
     * network's flattened gradient view (before the updater), and the score. For tests.
     */
    synchronized double gradientAndScore(INDArray features, INDArray labels) {
        if (plan == null || !plan.accepts(features, labels)) {
            throw new IllegalStateException("not on the fast path: " + unsupported(net));
        }
        return plan.backprop(net, plain(features), plain(labels));
    }

    /** True when {@code fit(features, labels)} runs the fast path, false when it hands the batch to DL4J. */
    public boolean takes(INDArray features, INDArray labels) {
        if (plan == null) {
            return false;
        }
        for (TrainingListener l : net.getListeners()) { // a loop, not a stream: this runs every step
            if (!(l instanceof GradientStats)) {
                return false;
            }
        }
        return plan.accepts(features, labels);
    }

    /** As {@code net.output(features, false)}. */
    public synchronized INDArray output(INDArray features) {
        if (plan == null || plan.front != null || !plan.accepts(features, null)) {
            return net.output(features, false);
        }
        return plan.infer(plain(features));
    }

    /** v[from..to) = f(v) for an elementwise activation (not softmax). */
    static void apply(Act f, float[] v, int from, int to) {
        switch (f) {
            case RELU -> {
                for (int i = from; i < to; i++) v[i] = v[i] > 0 ? v[i] : 0f;
            }
            case TANH -> {
                for (int i = from; i < to; i++) v[i] = tanh(v[i]);
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) v[i] = 1f / (1f + (float) Math.exp(-v[i]));
            }
            case IDENTITY -> {}
            case SOFTMAX -> throw new IllegalArgumentException("softmax is per row");
        }
    }

    /** e[from..to) *= f'(z), the derivative of activation f taken from its output z = f(x). */
    static void derivative(Act f, float[] e, float[] z, int from, int to) {
        switch (f) {
            case RELU -> {
                for (int i = from; i < to; i++) e[i] = z[i] > 0 ? e[i] : 0f;
            }
            case TANH -> {
                for (int i = from; i < to; i++) e[i] *= 1f - z[i] * z[i];
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) e[i] *= z[i] * (1f - z[i]);
            }
            case IDENTITY, SOFTMAX -> {}
        }
    }

    /**
     * tanh in float as a rational function of x (Eigen's float tanh, which TensorFlow and PyTorch vectorise: odd
     * degree-13 numerator, even degree-6 denominator, x clamped to +-7.9, where tanh rounds to 1 in float): at most
     * 3.6e-7 from {@code Math.tanh} on [-12, 12] in steps of 1e-4. The clamp is Math.min/max, which the JIT
     * vectorises with the rest of a loop over an array: 0.5 ns an element, against 2.7 ns with the clamp as two
     * selects (which it does not vectorise; same results bit for bit) and Math.tanh's 37-40 (thread CPU over 617,600
     * Gaussian values, 13:04, load 3.5).
     */
    static float tanh(float x) {
        float c = Math.min(Math.max(x, -TANH_CLAMP), TANH_CLAMP);
        float x2 = c * c;
        float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = p * x2 + -8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        p = p * c;
        float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        return p / q;
    }

    private static final float TANH_CLAMP = 7.90531110763549805f;

    static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    private static INDArray plain(INDArray a) {
        boolean ok = a.dataType() == DataType.FLOAT
                && a.ordering() == 'c'
                && a.elementWiseStride() == 1
                && (a.rank() != 2 || a.length() == a.rows() * a.columns())
                && a.offset() + a.length() <= Integer.MAX_VALUE;
        return ok ? a : a.castTo(DataType.FLOAT).dup('c');
    }

    /** The network's shape and where each layer's W and b lie in the flat parameter and gradient arrays. */
    private static final class Plan {
        /** The convolution and pooling layers in front (null for a dense network) and how many they are. */
        final FastConv front;

        final int first;
        /** The dense layers, the output layer included: the network's layers {@code first..}. */
        final int layers;
        /** width[0] inputs, width[i + 1] the units of layer i. */
        final int[] width;

        final Act[] act;
        final boolean[] hasBias;
        final boolean mse;
        final double clipEps;
        final boolean regularised;
        /** Element index of W_i and b_i in the parameter and gradient buffers (same layout in both). */
        final int[] wAt, bAt;

        final FloatBuffer params;
        final int paramsEnd, paramsAt;
        final FloatPointer[] w;
        /** The training side, made by the first step (inference alone does not create an updater). */
        FloatBuffer grads;

        int gradsAt;
        FloatPointer[] gw;
        Gradient gradient;
        /** DL4J's updater blocks when its update is only "divide by the batch, then each block's updater"; else null. */
        List<UpdaterBlock> blocks;

        INDArray flatGradient;

        final LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        /** a[i + 1]: activations of layer i; d[i + 1]: its delta. Grown to the largest batch seen. */
        FloatBuffer[] a, d;

        FloatPointer[] aP, dP;
        /** Heap copies for the elementwise loops (n x widest layer) and one row; row2 for inference's second half. */
        float[] h, h2, row, row2;

        int capacity;

        Plan(MultiLayerNetwork net) {
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            first = FastConv.count(net);
            layers = net.getnLayers() - first;
            width = new int[layers + 1];
            act = new Act[layers];
            hasBias = new boolean[layers];
            wAt = new int[layers];
            bAt = new int[layers];
            w = new FloatPointer[layers];
            INDArray flat = net.params();
            params = flat.data().asNioFloat();
            paramsAt = (int) flat.offset();
            paramsEnd = paramsAt + (int) flat.length();
            boolean reg = false;
            for (int i = 0; i < layers; i++) {
                BaseLayer l = (BaseLayer) conf.getConf(first + i).getLayer();
                org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff =
                        (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) l;
                width[i] = (int) ff.getNIn();
                width[i + 1] = (int) ff.getNOut();
                act[i] = act(l.getActivationFn());
                Map<String, INDArray> p = net.getLayer(first + i).paramTable(false);
                INDArray wv = p.get("W");
                if (wv.ordering() != 'f' || wv.rows() != width[i] || wv.columns() != width[i + 1]) {
                    throw new IllegalStateException("layer " + i + ": W is not DL4J's [nIn, nOut] 'f' view");
                }
                wAt[i] = (int) (wv.offset() - flat.offset());
                INDArray bv = p.get("b");
                hasBias[i] = bv != null;
                bAt[i] = hasBias[i] ? (int) (bv.offset() - flat.offset()) : -1;
                reg |= !l.getRegularization().isEmpty()
                        || !l.getRegularizationBias().isEmpty();
                w[i] = new FloatPointer(params).position(paramsAt + wAt[i]);
            }
            for (int i = 0; i < first; i++) {
                org.deeplearning4j.nn.conf.layers.Layer l = conf.getConf(i).getLayer();
                reg |= l instanceof BaseLayer b
                        && (!b.getRegularization().isEmpty()
                                || !b.getRegularizationBias().isEmpty());
            }
            regularised = reg;
            front = first > 0 ? new FastConv(net, first, params, paramsAt) : null;
            ILossFunction loss = ((OutputLayer) conf.getConf(first + layers - 1).getLayer()).getLossFn();
            mse = loss instanceof LossMSE;
            clipEps = loss instanceof LossMCXENT x ? x.getSoftmaxClipEps() : 0;
        }

        /** The gradient view, DL4J's gradient object over it and the updater, as DL4J's first fit makes them. */
        private void prepareTraining(MultiLayerNetwork net) {
            if (net.getFlattenedGradients() == null) {
                net.initGradientsView();
            }
            INDArray flatGrad = net.getFlattenedGradients();
            flatGradient = flatGrad;
            grads = flatGrad.data().asNioFloat();
            gradsAt = (int) flatGrad.offset();
            gw = new FloatPointer[layers];
            DefaultGradient g = new DefaultGradient(flatGrad);
            for (int i = 0; i < layers; i++) {
                gw[i] = new FloatPointer(grads).position(gradsAt + wAt[i]);
            }
            if (front != null) {
                front.prepareTraining(grads, gradsAt);
            }
            for (int i = 0; i < net.getnLayers(); i++) {
                // DL4J's per-layer gradient map: the updater splits it by layer for gradient normalisation
                Layer l = net.getLayer(i);
                if (l.numParams() == 0) continue;
                Map<String, INDArray> views = l.conf()
                        .getLayer()
                        .initializer()
                        .getGradientsFromFlattened(l.conf(), l.getGradientsViewArray());
                for (Map.Entry<String, INDArray> e : views.entrySet()) {
                    g.setGradientFor(i + "_" + e.getKey(), e.getValue());
                }
            }
            gradient = g;
            blocks = directBlocks(net);
        }

        /**
         * DL4J's {@code BaseMultiLayerUpdater.update} splits the gradient by layer into maps, divides it by the batch,
         * applies gradient normalisation and then each updater block ({@code UpdaterBlock.update}: regularisation and
         * the {@code GradientUpdater}). With no normalisation and no regularisation the maps and lookups cost more than
         * mlp-forecast's whole step; then the step divides the flat gradient (one ND4J op, as DL4J divides it) and
         * calls the blocks itself, in DL4J's order. Otherwise DL4J's update runs. (Calling each block's
         * GradientUpdater directly, not UpdaterBlock.update, made mlp's step slower: 38k against 51k samples/s.)
         */
        private List<UpdaterBlock> directBlocks(MultiLayerNetwork net) {
            if (regularised || net.getUpdater(true).getClass() != MultiLayerUpdater.class) return null;
            for (int i = 0; i < layers; i++) {
                Layer l = net.getLayer(i);
                GradientNormalization gn =
                        l.conf().getLayer() instanceof BaseLayer b ? b.getGradientNormalization() : null;
                if (gn != null && gn != GradientNormalization.None) return null;
                for (String p : l.paramTable(false).keySet()) {
                    if (!l.updaterDivideByMinibatch(p)) return null;
                }
            }
            List<UpdaterBlock> list = ((BaseMultiLayerUpdater<?>) net.getUpdater(true)).getUpdaterBlocks();
            for (UpdaterBlock b : list) {
                if (b.isPretrainUpdaterBlock()) return null;
            }
            return list;
        }

        boolean accepts(INDArray x, INDArray y) {
            boolean shape = front == null
                    ? x.rank() == 2 && x.columns() == width[0]
                    : x.rank() == 4 && front.accepts(x.size(1), x.size(2), x.size(3));
            if (!shape || x.size(0) == 0) return false;
            return y == null || (y.rank() == 2 && y.rows() == x.size(0) && y.columns() == width[layers]);
        }

        void ensure(int n) {
            if (n <= capacity) return;
            a = new FloatBuffer[layers + 1];
            d = new FloatBuffer[layers + 1];
            aP = new FloatPointer[layers + 1];
            dP = new FloatPointer[layers + 1];
            for (int i = 1; i <= layers; i++) {
                a[i] = direct(n * width[i]);
                d[i] = direct(n * width[i]);
                aP[i] = new FloatPointer(a[i]);
                dP[i] = new FloatPointer(d[i]);
            }
            if (front != null) {
                d[0] = direct(n * width[0]); // the first dense layer's epsilon, back into the front
                dP[0] = new FloatPointer(d[0]);
            }
            int widest = 0;
            for (int wi : width) widest = Math.max(widest, wi);
            h = new float[Math.max(n * widest, FastUpdaters.CHUNK)];
            h2 = new float[h.length];
            row = new float[widest];
            row2 = new float[widest];
            capacity = n;
        }

        /** a[L] = the network's output for the n rows at x. */
        void forward(int n, FloatPointer x) {
            forward(0, n, x, h, row);
        }

        /**
         * Rows [from, to) of {@link #forward(int, FloatPointer)}, with {@code v} and {@code bias} as the caller's heap
         * scratch: rows are independent, so two threads can each take a half.
         */
        private void forward(int from, int to, FloatPointer x, float[] v, float[] bias) {
            int n = to - from;
            for (int i = 0; i < layers; i++) {
                int in = width[i], out = width[i + 1];
                FloatPointer input = at(i == 0 ? x : aP[i], (long) from * in);
                // a[i+1] (n x out, row-major) = input (n x in) . W (W is [in, out] column-major: row-major W^T)
                openblas_nolapack.cblas_sgemm(
                        ROW, NT, TR, n, out, in, 1f, input, in, w[i], in, 0f, at(aP[i + 1], (long) from * out), out);
                activate(i, from, to, v, bias);
            }
        }

        /** p moved on by {@code offset} floats (a new pointer: p itself is shared). */
        private static FloatPointer at(FloatPointer p, long offset) {
            return offset == 0 ? p : new FloatPointer(p).position(p.position() + offset);
        }

        /**
         * Rows [from, to) of a[layer + 1] = f(a[layer + 1] + b), through the heap copy {@code v} so that the JIT
         * vectorises.
         */
        private void activate(int layer, int from, int to, float[] v, float[] bias) {
            FloatBuffer z = a[layer + 1];
            int out = width[layer + 1], len = (to - from) * out, at = from * out;
            z.get(at, v, 0, len);
            if (hasBias[layer]) {
                params.get(paramsAt + bAt[layer], bias, 0, out);
                for (int r = 0; r < len; r += out) {
                    for (int c = 0; c < out; c++) v[r + c] += bias[c];
                }
            }
            if (act[layer] == Act.SOFTMAX) {
                for (int r = 0; r < len; r += out) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int c = 0; c < out; c++) max = Math.max(max, v[r + c]);
                    float sum = 0;
                    for (int c = 0; c < out; c++) {
                        float e = (float) Math.exp(v[r + c] - max);
                        v[r + c] = e;
                        sum += e;
                    }
                    for (int c = 0; c < out; c++) v[r + c] /= sum;
                }
            } else {
                apply(act[layer], v, 0, len);
            }
            z.put(at, v, 0, len);
        }

        INDArray infer(INDArray x) {
            int n = (int) x.size(0);
            ensure(n);
            FloatPointer in = input(x, n);
            if (front == null) { // the rows in two halves, on two threads where Halves is on
                Halves.run(n, (from, to) -> forward(from, to, in, from == 0 ? h : h2, from == 0 ? row : row2));
            } else {
                forward(n, in);
            }
            int out = width[layers];
            float[] result = new float[n * out];
            a[layers].get(0, result);
            return Nd4j.create(result, new long[] {n, out}, 'c');
        }

        /** The first dense layer's input: x itself, or the front's output. */
        private FloatPointer input(INDArray x, int n) {
            if (front != null) {
                return front.forward(n, x);
            }
            // the buffer's address, which for a view already includes its offset: a FloatPointer made from a view's
            // NIO buffer counts the offset twice (the buffer's position is the offset)
            return new FloatPointer(x.data().addressPointer());
        }

        void step(MultiLayerNetwork net, INDArray x, INDArray y) {
            double score = backprop(net, x, y);
            int n = (int) x.size(0);
            int iteration = net.getIterationCount(), epoch = net.getEpochCount();
            for (TrainingListener l : net.getListeners()) {
                ((GradientStats) l).gradientsComputed(net, n);
            }
            if (blocks == null) {
                ((BaseMultiLayerUpdater<?>) net.getUpdater(true)).update(gradient, iteration, epoch, n, noWorkspaces);
            } else {
                flatGradient.divi(n);
                for (UpdaterBlock b : blocks) {
                    b.update(iteration, epoch);
                }
            }
            applyStep();
            for (TrainingListener l : net.getListeners()) {
                ((GradientStats) l).stepped(net);
            }
            net.setScore(score);
            net.setIterationCount(iteration + 1);
            for (Layer l : net.getLayers()) {
                l.setIterationCount(iteration + 1);
                l.setEpochCount(epoch);
            }
        }

        /** Forward and backward: DL4J's gradient view holds the batch's gradient (summed over rows); the score. */
        double backprop(MultiLayerNetwork net, INDArray x, INDArray y) {
            if (gradient == null) {
                prepareTraining(net);
            }
            int n = (int) x.size(0);
            ensure(n);
            FloatPointer xp = input(x, n);
            forward(n, xp);
            double loss = lossAndDelta(n, y);
            for (int i = layers - 1; i >= 0; i--) {
                int in = width[i], out = width[i + 1];
                FloatPointer input = i == 0 ? xp : aP[i];
                // dW (in x out, column-major) = input^T . delta, straight into DL4J's gradient view
                openblas_nolapack.cblas_sgemm(COL, NT, TR, in, out, n, 1f, input, in, dP[i + 1], out, 0f, gw[i], in);
                if (hasBias[i]) biasGradient(i, n);
                if (i > 0 || front != null) {
                    // epsilon (n x in) = delta (n x out) . W^T; then times the derivative of layer i-1's activation
                    openblas_nolapack.cblas_sgemm(ROW, NT, NT, n, in, out, 1f, dP[i + 1], out, w[i], in, 0f, dP[i], in);
                    if (i > 0) derivative(i - 1, n);
                }
            }
            if (front != null) {
                front.backward(n, d[0]);
            }
            return loss / n + (regularised ? net.calcRegularizationScore(true) : 0);
        }

        /**
         * d[L] = dLoss/dz of the output (not yet divided by the batch: DL4J's updater does that); returns the summed
         * loss. MCXENT after softmax: p - y with p clipped to [eps, 1 - eps] as LossMCXENT does; MSE: 2 (out - y) /
         * outputs as LossMSE does.
         */
        private double lossAndDelta(int n, INDArray labels) {
            FloatBuffer y = labels.data().asNioFloat();
            int yAt = (int) labels.offset();
            FloatBuffer out = a[layers], delta = d[layers];
            int k = width[layers];
            float lo = (float) clipEps, hi = (float) (1 - clipEps);
            double sum = 0;
            for (int i = 0; i < n * k; i++) {
                float o = out.get(i), t = y.get(yAt + i);
                if (mse) {
                    float e = o - t;
                    sum += (double) (e * e) / k;
                    delta.put(i, e * 2 / k);
                } else {
                    if (clipEps > 0) o = Math.min(Math.max(o, lo), hi);
                    if (t != 0) sum -= t * Math.log(o);
                    delta.put(i, o - t);
                }
            }
            return sum;
        }

        private void biasGradient(int layer, int n) {
            int out = width[layer + 1], len = n * out;
            float[] v = h;
            d[layer + 1].get(0, v, 0, len);
            java.util.Arrays.fill(row, 0, out, 0f);
            for (int r = 0; r < len; r += out) {
                for (int c = 0; c < out; c++) row[c] += v[r + c];
            }
            grads.put(gradsAt + bAt[layer], row, 0, out);
        }

        /** d[layer + 1] *= f'(a[layer + 1]), the derivative of layer {@code layer}'s activation at its output. */
        private void derivative(int layer, int n) {
            if (act[layer] == Act.IDENTITY) return;
            int len = n * width[layer + 1];
            float[] e = h, z = h2;
            d[layer + 1].get(0, e, 0, len);
            a[layer + 1].get(0, z, 0, len);
            FastDense.derivative(act[layer], e, z, 0, len);
            d[layer + 1].put(0, e, 0, len);
        }

        /** params -= update, DL4J's step, in heap chunks. */
        private void applyStep() {
            float[] p = h, g = h2;
            int n = paramsEnd - paramsAt;
            for (int at = 0; at < n; at += p.length) {
                int len = Math.min(p.length, n - at);
                params.get(paramsAt + at, p, 0, len);
                grads.get(gradsAt + at, g, 0, len);
                for (int i = 0; i < len; i++) p[i] -= g[i];
                params.put(paramsAt + at, p, 0, len);
            }
        }
    }
}
