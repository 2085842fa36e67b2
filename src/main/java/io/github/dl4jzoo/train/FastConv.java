package io.github.dl4jzoo.train;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolution and max-pooling layers in front of {@link FastDense}'s dense layers: DL4J's {@code
 * ConvolutionLayer} (stride 1, no padding or dilation, NCHW) as im2col in Java plus one OpenBLAS GEMM per direction,
 * and DL4J's max {@code SubsamplingLayer} (no padding or dilation, NCHW) as Java loops. Between layers the
 * activations are kept channel-major with the sample innermost ({@code [C][H][W][n]}), so that a whole batch is one
 * GEMM {@code W [Cout, K] . col [K, H*W*n]} with no transposition, and im2col, col2im and pooling run over runs of
 * {@code W*n} or {@code n} contiguous floats; the network's input and the hand-over to the first dense layer (DL4J's
 * {@code CnnToFeedForwardPreProcessor}: {@code [n, C*H*W]} in NCHW order) are transposed once.
 *
 * <p>The arithmetic is DL4J's: z = W * x + b, then the layer's activation; a window's gradient goes to its first
 * maximum (row by row), as libnd4j's and oneDNN's max pooling do. Gradients are written unscaled into DL4J's gradient
 * view, whose layout (b, then W as {@code [nOut, nIn, kH, kW]} 'c') is DL4J's own. {@code FastDenseTest} holds both
 * conv recipes (real images) to DL4J: the gradient and score at the same parameters within 1e-5 relative, and each
 * step (updater included) from DL4J's state. Two free-running trajectories part after a few steps on real images by
 * design: a ReLU input or a pooling window's near-tie one float ulp apart routes a gradient differently, and Adam
 * divides each component by its own size, so rounding in a near-zero gradient moves it by a few percent of the
 * learning rate (src/bench/FINDINGS.md, Round 3: CNN). Off: {@code -Ddl4jzoo.fastConv=false}.
 */
final class FastConv {
    private static final int ROW = openblas_nolapack.CblasRowMajor;
    private static final int NT = openblas_nolapack.CblasNoTrans;
    private static final int TR = openblas_nolapack.CblasTrans;

    /** How many leading layers are convolution or pooling (0 for a network that starts dense). */
    static int count(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int i = 0;
        while (i < net.getnLayers()
                && (conf.getConf(i).getLayer() instanceof ConvolutionLayer
                        || conf.getConf(i).getLayer() instanceof SubsamplingLayer)) {
            i++;
        }
        return i;
    }

    /** Why the first {@code first} layers cannot run here, or null when they can. */
    static String unsupported(MultiLayerNetwork net, int first) {
        if (!Engine.enabled("fastConv")) return "convolution layers (-Ddl4jzoo.fastConv=false)";
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        for (int i = 0; i < first; i++) {
            Layer l = conf.getConf(i).getLayer();
            if (l.getIDropout() != null) return "layer " + i + " has dropout";
            if (!conf.getConf(i).isMiniBatch()) return "layer " + i + " is not mini-batch";
            if (l.getConstraints() != null && !l.getConstraints().isEmpty()) return "layer " + i + " has constraints";
            if (l.getClass() == ConvolutionLayer.class) {
                ConvolutionLayer c = (ConvolutionLayer) l;
                if (c.getWeightNoise() != null) return "layer " + i + " has weight noise";
                if (!Arrays.equals(c.getStride(), new int[] {1, 1})
                        || !Arrays.equals(c.getPadding(), new int[] {0, 0})
                        || !Arrays.equals(c.getDilation(), new int[] {1, 1})
                        || !truncating(c.getConvolutionMode())
                        || c.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
                    return "layer " + i + " is not a stride-1 unpadded NCHW convolution";
                }
                FastDense.Act a = FastDense.act(c.getActivationFn());
                if (a == null || a == FastDense.Act.SOFTMAX) return "layer " + i + " activation " + c.getActivationFn();
            } else if (l.getClass() == SubsamplingLayer.class) {
                SubsamplingLayer s = (SubsamplingLayer) l;
                if (s.getPoolingType() != PoolingType.MAX
                        || !Arrays.equals(s.getPadding(), new int[] {0, 0})
                        || !Arrays.equals(s.getDilation(), new int[] {1, 1})
                        || !truncating(s.getConvolutionMode())
                        || s.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
                    return "layer " + i + " is not an unpadded NCHW max pooling";
                }
            } else {
                return "layer " + i + " is " + l.getClass().getSimpleName();
            }
        }
        Map<Integer, InputPreProcessor> pre = conf.getInputPreProcessors();
        if (pre.size() != 1
                || !(pre.get(first) instanceof CnnToFeedForwardPreProcessor p)
                || p.getClass() != CnnToFeedForwardPreProcessor.class
                || p.getFormat() != CNN2DFormat.NCHW) {
            return "input preprocessors other than one NCHW CnnToFeedForwardPreProcessor";
        }
        return null;
    }

    private static boolean truncating(ConvolutionMode m) {
        return m == ConvolutionMode.Truncate || m == ConvolutionMode.Strict;
    }

    private final Stage[] stages;
    /** The preprocessor's shape: what the dense layers expect. */
    private final long channelsOut, heightOut, widthOut;

    /** Channels, height and width of the input the buffers are laid out for (0 before the first batch). */
    private int inC, inH, inW;

    private int capacity;
    /** The batch as DL4J gives it ({@code [n][C*H*W]}), then as the first stage takes it ({@code [C][H][W][n]}). */
    private float[] samples, input;
    /** The front's output in NCHW order, {@code [n, C*H*W]}: the first dense layer's input. */
    private FloatBuffer out;

    private FloatPointer outP;
    /** The same, on the heap. */
    private float[] flat;

    FastConv(MultiLayerNetwork net, int first, FloatBuffer params, int paramsAt) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        stages = new Stage[first];
        for (int i = 0; i < first; i++) {
            Layer l = conf.getConf(i).getLayer();
            stages[i] = l instanceof ConvolutionLayer c
                    ? new Conv(c, net.getLayer(i).paramTable(false), net.params(), params, paramsAt)
                    : new Pool((SubsamplingLayer) l);
        }
        CnnToFeedForwardPreProcessor p = (CnnToFeedForwardPreProcessor) conf.getInputPreProcess(first);
        channelsOut = p.getNumChannels();
        heightOut = p.getInputHeight();
        widthOut = p.getInputWidth();
    }

    /** The gradient buffer (DL4J's flattened gradient view), once training starts. */
    void prepareTraining(FloatBuffer grads, int gradsAt) {
        for (Stage s : stages) {
            if (s instanceof Conv c) c.gradients(grads, gradsAt);
        }
    }

    /** True when the stages take {@code [n, c, h, w]} input to the shape the dense layers expect. */
    boolean accepts(long c, long h, long w) {
        if (c > Integer.MAX_VALUE || h > Integer.MAX_VALUE || w > Integer.MAX_VALUE) return false;
        if (stages[0] instanceof Conv first && first.c != c) return false;
        int[] shape = {(int) c, (int) h, (int) w};
        for (Stage s : stages) {
            shape = s.outputShape(shape);
            if (shape == null) return false;
        }
        return shape[0] == channelsOut && shape[1] == heightOut && shape[2] == widthOut;
    }

    /** Sizes every buffer for n samples of {@code [c, h, w]} (accepted). */
    private void ensure(int n, int c, int h, int w) {
        if (n <= capacity && c == inC && h == inH && w == inW) return;
        int[] shape = {c, h, w};
        for (Stage s : stages) {
            s.ensure(n, shape);
            shape = s.outputShape(shape);
        }
        samples = new float[n * c * h * w];
        input = new float[samples.length];
        int size = shape[0] * shape[1] * shape[2];
        out = FastDense.direct(n * size);
        outP = new FloatPointer(out);
        flat = new float[n * size];
        capacity = n;
        inC = c;
        inH = h;
        inW = w;
    }

    /** Runs the stages on the {@code n} samples of {@code x} ({@code [n, c, h, w]} 'c', FLOAT); the result is NCHW. */
    FloatPointer forward(int n, INDArray x) {
        int c = (int) x.size(1), h = (int) x.size(2), w = (int) x.size(3), size = c * h * w;
        ensure(n, c, h, w);
        x.data().asNioFloat().get((int) x.offset(), samples, 0, n * size);
        transpose(samples, input, n, size);
        float[] a = input;
        for (Stage s : stages) {
            a = s.forward(n, a);
        }
        Stage last = stages[stages.length - 1];
        int outSize = last.oc * last.oh * last.ow;
        transpose(a, flat, outSize, n);
        out.put(0, flat, 0, n * outSize);
        return outP;
    }

    /** Back through the stages from {@code epsilon}, the first dense layer's input gradient ({@code [n, C*H*W]}). */
    void backward(int n, FloatBuffer epsilon) {
        Stage last = stages[stages.length - 1];
        int size = last.oc * last.oh * last.ow;
        epsilon.get(0, flat, 0, n * size);
        float[] delta = last.delta;
        transpose(flat, delta, n, size);
        for (int i = stages.length - 1; i >= 0; i--) {
            delta = stages[i].backward(n, delta, i > 0);
        }
    }

    /** p moved on by i floats (a new pointer: the halves run at once). */
    private static FloatPointer at(FloatPointer p, long i) {
        return new FloatPointer(p).position(p.position() + i);
    }

    /** to = from^T: {@code from} is {@code [rows][cols]}, {@code to} becomes {@code [cols][rows]}. */
    private static void transpose(float[] from, float[] to, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0, i = r * cols; c < cols; c++, i++) to[c * rows + r] = from[i];
        }
    }

    /** One layer of the front; channel-major arrays in and out. */
    private abstract static class Stage {
        /** Input channels, height, width; output the same. */
        int c, h, w, oc, oh, ow;
        /** This stage's output and the gradient with respect to it, {@code [oc][oh][ow][n]}. */
        float[] out, delta;
        /** The gradient with respect to the input (null for the first stage's). */
        float[] inDelta;

        /** {c, h, w} out for {c, h, w} in, or null when the input does not fit. */
        abstract int[] outputShape(int[] in);

        void ensure(int n, int[] in) {
            c = in[0];
            h = in[1];
            w = in[2];
            int[] o = outputShape(in);
            oc = o[0];
            oh = o[1];
            ow = o[2];
            out = new float[n * oc * oh * ow];
            delta = new float[out.length];
            inDelta = new float[n * c * h * w];
        }

        abstract float[] forward(int n, float[] in);

        /** From the gradient at the output; returns the gradient at the input when {@code needInput}, else null. */
        abstract float[] backward(int n, float[] delta, boolean needInput);
    }

    /** DL4J's ConvolutionLayer, stride 1, no padding: im2col and one GEMM each way. */
    private static final class Conv extends Stage {
        final int filters, kh, kw;
        final FastDense.Act act;
        /** W and b in the parameter and gradient buffers (same layout in both). */
        final int wAt, bAt;

        final FloatBuffer params;
        final int paramsAt;
        final FloatPointer wP;
        FloatBuffer grads;
        int gradsAt;
        FloatPointer gwP;
        final float[] bias;
        /** One row of im2col ({@code oh*ow*n} floats) on the heap, on its way to or from the native buffer; one a half. */
        float[] row, row2;
        /** im2col of the input, {@code [c*kh*kw][oh*ow*n]}, native; reused for its gradient. */
        FloatBuffer colB, zB;

        FloatPointer colP, zP;

        Conv(ConvolutionLayer conf, Map<String, INDArray> p, INDArray flat, FloatBuffer params, int paramsAt) {
            c = (int) conf.getNIn();
            filters = (int) conf.getNOut();
            kh = conf.getKernelSize()[0];
            kw = conf.getKernelSize()[1];
            act = FastDense.act(conf.getActivationFn());
            INDArray wv = p.get("W");
            if (wv.ordering() != 'c' || !Arrays.equals(wv.shape(), new long[] {filters, c, kh, kw})) {
                throw new IllegalStateException("convolution W is not DL4J's [nOut, nIn, kH, kW] 'c' view");
            }
            wAt = (int) (wv.offset() - flat.offset());
            INDArray bv = p.get("b");
            bAt = bv == null ? -1 : (int) (bv.offset() - flat.offset());
            this.params = params;
            this.paramsAt = paramsAt;
            wP = new FloatPointer(params).position(paramsAt + wAt);
            bias = new float[filters];
        }

        void gradients(FloatBuffer grads, int gradsAt) {
            this.grads = grads;
            this.gradsAt = gradsAt;
            gwP = new FloatPointer(grads).position(gradsAt + wAt);
        }

        @Override
        int[] outputShape(int[] in) {
            if (in[0] != c || in[1] < kh || in[2] < kw) return null;
            return new int[] {filters, in[1] - kh + 1, in[2] - kw + 1};
        }

        @Override
        void ensure(int n, int[] in) {
            super.ensure(n, in);
            int k = c * kh * kw, cols = n * oh * ow;
            row = new float[cols];
            row2 = new float[cols];
            colB = FastDense.direct(k * cols);
            colP = new FloatPointer(colB);
            zB = FastDense.direct(out.length);
            zP = new FloatPointer(zB);
        }

        @Override
        float[] forward(int n, float[] in) {
            int k = c * kh * kw, plane = oh * ow, cols = n * plane;
            Halves.run(k, (from, to) -> im2col(in, n, from, to));
            // z [filters, oh*ow*n] = W [filters, k] . col [k, oh*ow*n], by halves of the columns
            Halves.run(
                    cols,
                    (from, to) -> openblas_nolapack.cblas_sgemm(
                            ROW,
                            NT,
                            NT,
                            filters,
                            to - from,
                            k,
                            1f,
                            wP,
                            k,
                            at(colP, from),
                            cols,
                            0f,
                            at(zP, from),
                            cols));
            if (bAt >= 0) params.get(paramsAt + bAt, bias, 0, filters);
            // a filter's row at a time, so that the bias and the activation find it in cache
            Halves.run(filters, (from, to) -> {
                for (int f = from, at = from * cols; f < to; f++, at += cols) {
                    zB.get(at, out, at, cols);
                    if (bAt >= 0) {
                        float b = bias[f];
                        for (int j = at; j < at + cols; j++) out[j] += b;
                    }
                    FastDense.apply(act, out, at, at + cols);
                }
            });
            return out;
        }

        @Override
        float[] backward(int n, float[] delta, boolean needInput) {
            int k = c * kh * kw, cols = n * oh * ow;
            Halves.run(filters, (from, to) -> {
                for (int f = from, at = from * cols; f < to; f++, at += cols) {
                    FastDense.derivative(act, delta, out, at, at + cols);
                    double sum = 0;
                    for (int j = at; j < at + cols; j++) sum += delta[j];
                    bias[f] = (float) sum;
                    zB.put(at, delta, at, cols);
                }
            });
            if (bAt >= 0) grads.put(gradsAt + bAt, bias, 0, filters);
            // dW [filters, k] = delta [filters, oh*ow*n] . col^T, straight into DL4J's gradient view, by halves of
            // the filters
            Halves.run(
                    filters,
                    (from, to) -> openblas_nolapack.cblas_sgemm(
                            ROW,
                            NT,
                            TR,
                            to - from,
                            k,
                            cols,
                            1f,
                            at(zP, from * cols),
                            cols,
                            colP,
                            cols,
                            0f,
                            at(gwP, from * k),
                            k));
            if (!needInput) return null;
            // dcol [k, oh*ow*n] = W^T . delta, over the im2col buffer (no longer needed), by halves of the columns
            Halves.run(
                    cols,
                    (from, to) -> openblas_nolapack.cblas_sgemm(
                            ROW,
                            TR,
                            NT,
                            k,
                            to - from,
                            filters,
                            1f,
                            wP,
                            k,
                            at(zP, from),
                            cols,
                            0f,
                            at(colP, from),
                            cols));
            Halves.run(c, (from, to) -> col2im(inDelta, n, from, to));
            return inDelta;
        }

        /**
         * col[(ci, ky, kx)][(oy, ox, s)] = in[ci][oy + ky][ox + kx][s], into the native buffer a row at a time (the
         * row is still in cache when it is copied). For one oy that is {@code ow*n} contiguous floats. Rows
         * {@code from..to}.
         */
        private void im2col(float[] in, int n, int from, int to) {
            int run = ow * n, cols = oh * run;
            float[] r = from == 0 ? row : row2;
            for (int i = from; i < to; i++) {
                int ci = i / (kh * kw), ky = i / kw % kh, kx = i % kw;
                for (int oy = 0; oy < oh; oy++) {
                    System.arraycopy(in, ((ci * h + oy + ky) * w + kx) * n, r, oy * run, run);
                }
                colB.put(i * cols, r, 0, cols);
            }
        }

        /**
         * The reverse: sums the native col buffer back into the input's positions, a row at a time. Input channels
         * {@code from..to}.
         */
        private void col2im(float[] d, int n, int from, int to) {
            int run = ow * n, cols = oh * run, plane = h * w * n;
            float[] r = from == 0 ? row : row2;
            Arrays.fill(d, from * plane, to * plane, 0f);
            for (int ci = from; ci < to; ci++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        colB.get(((ci * kh + ky) * kw + kx) * cols, r, 0, cols);
                        for (int oy = 0; oy < oh; oy++) {
                            int dst = ((ci * h + oy + ky) * w + kx) * n, src = oy * run;
                            for (int j = 0; j < run; j++) d[dst + j] += r[src + j];
                        }
                    }
                }
            }
        }
    }

    /** DL4J's max SubsamplingLayer, no padding: each window's first maximum. */
    private static final class Pool extends Stage {
        final int kh, kw, sy, sx;
        /** Where each output's maximum lies in the input array. */
        int[] argmax;

        Pool(SubsamplingLayer conf) {
            kh = conf.getKernelSize()[0];
            kw = conf.getKernelSize()[1];
            sy = conf.getStride()[0];
            sx = conf.getStride()[1];
        }

        @Override
        int[] outputShape(int[] in) {
            if (in[1] < kh || in[2] < kw) return null;
            return new int[] {in[0], (in[1] - kh) / sy + 1, (in[2] - kw) / sx + 1};
        }

        @Override
        void ensure(int n, int[] in) {
            super.ensure(n, in);
            argmax = new int[out.length];
        }

        @Override
        float[] forward(int n, float[] in) {
            Halves.run(c, (from, to) -> pool(in, n, from, to));
            return out;
        }

        /** The windows of channels {@code from..to}. */
        private void pool(float[] in, int n, int from, int to) {
            boolean twoByTwo = kh == 2 && kw == 2;
            int o = from * oh * ow * n;
            for (int ch = from; ch < to; ch++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int corner = ((ch * h + oy * sy) * w + ox * sx) * n;
                        for (int s = 0; s < n; s++, o++) {
                            if (twoByTwo) {
                                window2x2(in, corner + s, n, o);
                            } else {
                                window(in, corner + s, n, o);
                            }
                        }
                    }
                }
            }
        }

        /**
         * out[o] and argmax[o] for the window whose top left is in[corner] (a batch of n: the next column is n floats
         * on, the next row {@code w*n}): its maximum, then its first position.
         */
        private void window(float[] in, int corner, int n, int o) {
            float max = in[corner];
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0, i = corner + ky * w * n; kx < kw; kx++, i += n) max = Math.max(max, in[i]);
            }
            int first = corner;
            for (int ky = kh - 1; ky >= 0; ky--) {
                for (int kx = kw - 1, i = corner + (ky * w + kx) * n; kx >= 0; kx--, i -= n) {
                    first = in[i] == max ? i : first;
                }
            }
            out[o] = max;
            argmax[o] = first;
        }

        /**
         * The same for 2x2 windows (both recipes), written out: the maximum by {@code Math.max} and its first position
         * by int selects, no branches (the comparisons are random, so a compare-and-branch loop mispredicts). 0.55 ms
         * of CPU for lenet5's first pooling at batch 64, against 3.9 ms for a compare-and-branch loop over the window
         * and 2.8 ms for the generic two-pass loop (probe, load ~9-12).
         */
        private void window2x2(float[] in, int i, int n, int o) {
            int j = i + w * n;
            float a0 = in[i], a1 = in[i + n], b0 = in[j], b1 = in[j + n];
            float max = Math.max(Math.max(a0, a1), Math.max(b0, b1));
            int first = b1 == max ? j + n : j;
            first = b0 == max ? j : first;
            first = a1 == max ? i + n : first;
            first = a0 == max ? i : first;
            out[o] = max;
            argmax[o] = first;
        }

        @Override
        float[] backward(int n, float[] delta, boolean needInput) {
            if (!needInput) return null;
            int plane = h * w * n, outPlane = oh * ow * n;
            Halves.run(c, (from, to) -> {
                Arrays.fill(inDelta, from * plane, to * plane, 0f);
                for (int o = from * outPlane; o < to * outPlane; o++) inDelta[argmax[o]] += delta[o];
            });
            return inDelta;
        }
    }
}
