package io.github.dl4jzoo.train;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Drop-in for {@code new LastTimeStep(new LSTM.Builder().nIn(n).nOut(h).activation(TANH).build())}: the same LSTM
 * (sigmoid gates, tanh cell/output, no peepholes, forget-gate bias 1, Xavier weights) returning the last time step,
 * but run as ONE native {@code lstmLayer} op (and its {@code lstmLayer_bp}) over the whole sequence instead of DL4J's
 * Java LSTMHelpers loop of ~15 small ops per time step. Input [mb, nIn, T] (NCW, DL4J's default), output [mb, h].
 * No masks. See bench/FINDINGS.md for the measured effect.
 */
public class NativeLstm extends SameDiffLayer {
    private long nIn;
    private long nOut;

    public NativeLstm() {} // for JSON

    public NativeLstm(long nIn, long nOut) {
        this.nIn = nIn;
        this.nOut = nOut;
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    public long getNOut() {
        return nOut;
    }

    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> p, SDVariable mask) {
        LSTMLayerConfig cfg = LSTMLayerConfig.builder()
                .lstmdataformat(LSTMDataFormat.NST)
                .directionMode(LSTMDirectionMode.FWD)
                .gateAct(LSTMActivations.SIGMOID)
                .cellAct(LSTMActivations.TANH)
                .outAct(LSTMActivations.TANH)
                .retFullSequence(false)
                .retLastH(true)
                .retLastC(false)
                .build();
        LSTMLayerWeights w = LSTMLayerWeights.builder()
                .weights(p.get("W"))
                .rWeights(p.get("RW"))
                .bias(p.get("b"))
                .build();
        return sd.rnn().lstmLayer(input, w, cfg)[0];
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam("W", nIn, 4 * nOut);
        params.addWeightParam("RW", nOut, 4 * nOut);
        params.addBiasParam("b", 4 * nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // Xavier normal as DL4J's LSTM and the PyTorch peer: std = sqrt(2 / (fanIn + fanOut)), fanOut = 4 * nOut.
        params.get("W")
                .assign(Nd4j.randn(params.get("W").dataType(), nIn, 4 * nOut).muli(Math.sqrt(2.0 / (nIn + 4 * nOut))));
        params.get("RW")
                .assign(Nd4j.randn(params.get("RW").dataType(), nOut, 4 * nOut)
                        .muli(Math.sqrt(2.0 / (nOut + 4 * nOut))));
        // lstmLayer gate order is [input, forget, cell, output]: forget-gate bias 1 as DL4J's LSTM default
        INDArray b = params.get("b").assign(0);
        b.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(nOut, 2 * nOut)).assign(1.0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) nIn = ((InputType.InputTypeRecurrent) inputType).getSize();
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }
}
