package io.github.dl4jzoo.arch;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/** Recipes to DL4J networks: the settings every family shares, then the family's own layers. */
public final class Networks {
    private Networks() {}

    /** The DL4J configuration of a recipe, in single precision. */
    public static MultiLayerConfiguration configuration(Recipe recipe) {
        return configuration(recipe, DataType.FLOAT);
    }

    /** As {@link #configuration(Recipe)}, in the given precision (gradient checks need double). */
    public static MultiLayerConfiguration configuration(Recipe recipe, DataType dataType) {
        Recipe.Regularization reg = recipe.regularization();
        NeuralNetConfiguration.Builder common = new NeuralNetConfiguration.Builder()
                .seed(recipe.seed())
                .dataType(dataType)
                .weightInit(recipe.weightInit())
                .updater(updater(recipe.updater()))
                .l1(reg.l1())
                .l2(reg.l2())
                .gradientNormalization(recipe.clipping().kind())
                .gradientNormalizationThreshold(recipe.clipping().threshold())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        return recipe.arch()
                .layers(common, recipe)
                .setInputType(recipe.input().inputType())
                .build();
    }

    /** A network with freshly initialised parameters (seeded by the recipe). Loads ND4J's native backend. */
    public static MultiLayerNetwork build(Recipe recipe) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(recipe));
        net.init();
        return net;
    }

    /** The last layer, shared by every family; {@code dropout} drops its inputs (0 for none). */
    public static OutputLayer outputLayer(Recipe recipe, double dropout) {
        Recipe.Output out = recipe.output();
        OutputLayer.Builder b = new OutputLayer.Builder(out.loss().create())
                .name("output")
                .nOut(out.units())
                .activation(out.activation().create());
        if (dropout > 0) {
            b.dropOut(1 - dropout); // DL4J takes the probability of keeping a unit
        }
        return b.build();
    }

    /** {@link #outputLayer} as builder source. */
    public static void outputSource(LayerSource out, Recipe recipe, double dropout) {
        Recipe.Output o = recipe.output();
        out.layer("new " + out.type(OutputLayer.class) + ".Builder(new "
                        + out.type(o.loss().create().getClass()) + "())")
                .call("name(\"output\")")
                .call("nOut(" + LayerSource.OUTPUTS + ")")
                .call("activation(" + out.activation(o.activation()) + ")");
        if (dropout > 0) {
            out.call("dropOut(" + out.keepProbability() + ")");
        }
        out.build();
    }

    /** FLOPs of the output layer on {@code inputs} values. */
    public static long outputFlops(long inputs, Recipe.Output output) {
        return 2L * inputs * output.units();
    }

    static IUpdater updater(Recipe.Updater u) {
        ISchedule s = schedule(u.learningRate(), u.schedule());
        return switch (u.kind()) {
            case SGD -> s == null ? new Sgd(u.learningRate()) : new Sgd(s);
            case NESTEROVS -> s == null
                    ? new Nesterovs(u.learningRate(), u.momentum())
                    : new Nesterovs(s, u.momentum());
            case ADAM -> s == null ? new Adam(u.learningRate()) : new Adam(s);
            case RMSPROP -> s == null ? new RmsProp(u.learningRate()) : new RmsProp(s);
            case ADAGRAD -> s == null ? new AdaGrad(u.learningRate()) : new AdaGrad(s);
        };
    }

    private static ISchedule schedule(double lr, Recipe.Schedule s) {
        if (s == null) {
            return null;
        }
        return switch (s.kind()) {
            case INVERSE -> new InverseSchedule(ScheduleType.ITERATION, lr, s.gamma(), s.power());
            case EXPONENTIAL -> new ExponentialSchedule(ScheduleType.ITERATION, lr, s.gamma());
            case STEP -> new StepSchedule(ScheduleType.ITERATION, lr, s.gamma(), s.step());
        };
    }
}
