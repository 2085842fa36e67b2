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
 *
 * <p>Table: {@code arch: {stages: [{conv: 20, kernel: 5, activation: identity}, {pool: 2}, ...], dense: [{units:
 * 500, activation: relu, weightInit: relu}]}} ({@code weightInit} of a dense row is optional).
 */
public record ConvNet(List<Stage> stages, List<Dense> dense) implements Arch {
    public static final String FAMILY = "cnn";

    public ConvNet {
        stages = List.copyOf(stages);
        dense = List.copyOf(dense);
    }

    /** Reads {@code family: cnn}. */
    public static final class Reader implements Family {
        @Override
        public String name() {
            return FAMILY;
        }

        @Override
        public Arch read(Fields arch) {
            return new ConvNet(arch.objects("stages", Reader::stage), arch.objects("dense", Reader::dense));
        }

        private static Stage stage(Fields f) {
            if (f.has("pool")) {
                return new Pool(f.integer("pool", 1, 1 << 10));
            }
            return new Conv(f.integer("conv", 1, 1 << 16), f.integer("kernel", 1, 1 << 10), f.activation("activation"));
        }

        private static Dense dense(Fields f) {
            return new Dense(
                    f.integer("units", 1, 1 << 24),
                    f.activation("activation"),
                    f.has("weightInit") ? f.weightInit("weightInit") : null);
        }
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
        return count(input, output, false);
    }

    @Override
    public long flops(Recipe.Input input, Recipe.Output output) {
        return count(input, output, true);
    }

    /** Walks the stage table through the shapes, summing parameters or forward FLOPs. */
    private long count(Recipe.Input input, Recipe.Output output, boolean flops) {
        if (!(input instanceof Recipe.Input.Image image)) {
            throw new RecipeException("input: expected {channels, height, width} for family cnn");
        }
        long channels = image.channels(), height = image.height(), width = image.width(), total = 0;
        for (Stage s : stages) {
            if (s instanceof Conv c) {
                height = height - c.kernel() + 1;
                width = width - c.kernel() + 1;
                long weights = channels * c.kernel() * c.kernel() * c.filters();
                total += flops ? 2 * weights * height * width : weights + c.filters();
                channels = c.filters();
            } else if (s instanceof Pool p) {
                height /= p.size();
                width /= p.size();
            }
        }
        long inputs = channels * height * width;
        for (Dense d : dense) {
            total += flops ? d.flops(inputs) : d.parameterCount(inputs);
            inputs = d.units();
        }
        return total + (flops ? Networks.outputFlops(inputs, output) : inputs * output.units() + output.units());
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

    @Override
    public void source(LayerSource out, Recipe recipe) {
        int conv = 0, pool = 0;
        for (Stage s : stages) {
            if (s instanceof Conv c) {
                out.layer("new " + out.type(ConvolutionLayer.class) + ".Builder(" + c.kernel() + ", " + c.kernel()
                                + ")")
                        .call("name(\"conv" + ++conv + "\")")
                        .call("nOut(" + c.filters() + ")")
                        .call("stride(1, 1)")
                        .call("convolutionMode(" + out.type(ConvolutionMode.class) + ".Truncate)")
                        .call("activation(" + out.activation(c.activation()) + ")")
                        .build();
            } else if (s instanceof Pool p) {
                String type = out.type(SubsamplingLayer.class);
                out.layer("new " + type + ".Builder(" + type + ".PoolingType.MAX)")
                        .call("name(\"pool" + ++pool + "\")")
                        .call("kernelSize(" + p.size() + ", " + p.size() + ")")
                        .call("stride(" + p.size() + ", " + p.size() + ")")
                        .build();
            }
        }
        double dropout = recipe.regularization().dropout();
        for (int i = 0; i < dense.size(); i++) {
            dense.get(i).source(out, "dense" + (i + 1), dropout);
        }
        Networks.outputSource(out, recipe, dropout);
    }
}
