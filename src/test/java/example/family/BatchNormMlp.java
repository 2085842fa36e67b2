package example.family;

import io.github.dl4jzoo.arch.ActivationFunction;
import io.github.dl4jzoo.arch.Arch;
import io.github.dl4jzoo.arch.Family;
import io.github.dl4jzoo.arch.Fields;
import io.github.dl4jzoo.arch.LayerSource;
import io.github.dl4jzoo.arch.Mlp;
import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * A family that lives outside the zoo, to prove a family is one file: a deep MLP whose hidden layers are
 * dense, batch normalisation, then the nonlinearity (Ioffe and Szegedy 2015, "Batch normalization: accelerating
 * deep network training by reducing internal covariate shift": normalise the pre-activations). The zoo finds it
 * through {@code META-INF/services/io.github.dl4jzoo.arch.Family} of the test class path and names it nowhere.
 *
 * <p>Table: {@code arch: {hidden: [128, 64, 32], activation: relu}}.
 */
public record BatchNormMlp(List<Integer> hidden, ActivationFunction activation) implements Arch {
    public static final String FAMILY = "bn-mlp";

    public BatchNormMlp {
        hidden = List.copyOf(hidden);
    }

    /** Reads {@code family: bn-mlp}. */
    public static final class Reader implements Family {
        @Override
        public String name() {
            return FAMILY;
        }

        @Override
        public Arch read(Fields arch) {
            return new BatchNormMlp(arch.integers("hidden", 1, false), arch.activation("activation"));
        }
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /**
     * Per hidden layer: the dense weights and biases, and batch normalisation's four vectors of {@code units}
     * (gamma and beta, learned; the running mean and variance, which DL4J keeps among the parameters).
     */
    @Override
    public long parameterCount(Recipe.Input input, Recipe.Output output) {
        Mlp.flatInput(input, FAMILY);
        long total = 0, inputs = input.size();
        for (int units : hidden) {
            total += inputs * units + units + 4L * units;
            inputs = units;
        }
        return total + inputs * output.units() + output.units();
    }

    @Override
    public List<ActivationFunction> activations() {
        return hidden.stream().map(u -> activation).toList();
    }

    @Override
    public long flops(Recipe.Input input, Recipe.Output output) {
        long total = 0, inputs = input.size();
        for (int units : hidden) {
            total += 2L * inputs * units;
            inputs = units;
        }
        return total + Networks.outputFlops(inputs, output);
    }

    @Override
    public ListBuilder layers(NeuralNetConfiguration.Builder common, Recipe recipe) {
        ListBuilder list = common.list();
        for (int i = 0; i < hidden.size(); i++) {
            int n = i + 1;
            list.layer(new DenseLayer.Builder()
                    .name("dense" + n)
                    .nOut(hidden.get(i))
                    .activation(Activation.IDENTITY)
                    .build());
            list.layer(new BatchNormalization.Builder().name("bn" + n).build());
            list.layer(new ActivationLayer.Builder()
                    .name("act" + n)
                    .activation(activation.create())
                    .build());
        }
        return list.layer(Networks.outputLayer(recipe, recipe.regularization().dropout()));
    }

    @Override
    public void source(LayerSource out, Recipe recipe) {
        for (int i = 0; i < hidden.size(); i++) {
            int n = i + 1;
            out.layer("new " + out.type(DenseLayer.class) + ".Builder()")
                    .call("name(\"dense" + n + "\")")
                    .call("nOut(" + hidden.get(i) + ")")
                    .call("activation(" + out.activation(ActivationFunction.of(Activation.IDENTITY)) + ")")
                    .build();
            out.layer("new " + out.type(BatchNormalization.class) + ".Builder()")
                    .call("name(\"bn" + n + "\")")
                    .build();
            out.layer("new " + out.type(ActivationLayer.class) + ".Builder()")
                    .call("name(\"act" + n + "\")")
                    .call("activation(" + out.activation(activation) + ")")
                    .build();
        }
        Networks.outputSource(out, recipe, recipe.regularization().dropout());
    }
}
