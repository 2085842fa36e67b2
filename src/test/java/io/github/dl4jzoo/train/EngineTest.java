package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class EngineTest {
    @Test
    void configureReportsWhatItApplied() {
        Map<String, String> applied = Engine.configure();
        assertEquals("tuned", applied.get("engine"));
        assertEquals("1", applied.get("threads"));
        assertTrue(applied.containsKey("nativeLibrary"));
    }

    @Test
    void nativeLstmTrainsAndSurvivesSaveAndRestore() throws Exception {
        Engine.configure();
        MultiLayerConfiguration conf = Engine.tune(new NeuralNetConfiguration.Builder()
                        .seed(1)
                        .dataType(DataType.FLOAT)
                        .weightInit(WeightInit.XAVIER)
                        .updater(new Adam(1e-2)))
                .list()
                .layer(Engine.lstmLastStep(5, 8))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(8)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.recurrent(5, 7))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // 4 gates x (5 in + 8 recurrent + 1 bias) x 8 units + dense 8*3+3, as DL4J's LSTM without peepholes
        assertEquals(4 * (5 + 8 + 1) * 8 + 8 * 3 + 3, net.numParams());
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 5, 7);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 16; i++) y.putScalar(i, i % 3, 1f);
        net.fit(x, y);
        double first = net.score();
        for (int i = 0; i < 50; i++) net.fit(x, y);
        assertTrue(net.score() < first, "loss goes down");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork back =
                ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(net.output(x), back.output(x));
    }
}
