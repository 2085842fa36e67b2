package io.github.dl4jzoo.arch;

import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * A plain convolutional network: a table of convolution and max-pooling stages, then fully connected layers.
 * LeNet-5 (LeCun et al. 1998, "Gradient-based learning applied to document recognition", in the form of DL4J's
 * LeNet example) and the seed CNN of our Keras notes are both recipes of this family. Convolutions are 'valid'
 * (no padding), as in both sources.
 */
public record ConvNet(List<Stage> stages, List<Dense> dense) implements Arch {
    public static final String FAMILY = "cnn";

    public ConvNet {
        stages = List.copyOf(stages);
        dense = List.copyOf(dense);
    }

    /** One row of the stage table. */
    public sealed interface Stage {}

    /** {@code filters} kernels of {@code kernel} x {@code kernel}, stride 1, no padding. */
    public record Conv(int filters, int kernel, ActivationFunction activation) implements Stage {}

    /** Max pooling over {@code size} x {@code size} windows with stride {@code size}. */
    public record Pool(int size) implements Stage {}

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<ActivationFunction> activations() {
        List<ActivationFunction> all = new java.util.ArrayList<>();
        stages.stream().filter(s -> s instanceof Conv).forEach(s -> all.add(((Conv) s).activation()));
        dense.forEach(d -> all.add(d.activation()));
        return List.copyOf(all);
    }

    @Override
    public long parameterCount(Recipe.Input input, Recipe.Output output) {
        if (!(input instanceof Recipe.Input.Image image)) {
            throw new RecipeException("input: expected {channels, height, width} for family cnn");
        }
        long channels = image.channels(), height = image.height(), width = image.width(), total = 0;
        for (Stage s : stages) {
            if (s instanceof Conv c) {
                total += channels * c.kernel() * c.kernel() * c.filters() + c.filters();
                channels = c.filters();
                height = height - c.kernel() + 1;
                width = width - c.kernel() + 1;
            } else if (s instanceof Pool p) {
                height /= p.size();
                width /= p.size();
            }
        }
        long inputs = channels * height * width;
        for (Dense d : dense) {
            total += d.parameterCount(inputs);
            inputs = d.units();
        }
        return total + inputs * output.units() + output.units();
    }

    @Override
    public ListBuilder layers(NeuralNetConfiguration.Builder common, Recipe recipe) {
        ListBuilder list = common.list();
        int conv = 0, pool = 0;
        for (Stage s : stages) {
            if (s instanceof Conv c) {
                list.layer(new ConvolutionLayer.Builder(c.kernel(), c.kernel())
                        .name("conv" + ++conv)
                        .nOut(c.filters())
                        .stride(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .activation(c.activation().create())
                        .build());
            } else if (s instanceof Pool p) {
                list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .name("pool" + ++pool)
                        .kernelSize(p.size(), p.size())
                        .stride(p.size(), p.size())
                        .build());
            }
        }
        double dropout = recipe.regularization().dropout();
        for (int i = 0; i < dense.size(); i++) {
            list.layer(dense.get(i).layer("dense" + (i + 1), dropout));
        }
        return list.layer(Networks.outputLayer(recipe, dropout));
    }
}
