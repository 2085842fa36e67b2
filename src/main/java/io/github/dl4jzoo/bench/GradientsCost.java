package io.github.dl4jzoo.bench;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.arch.Registry;
import io.github.dl4jzoo.data.Splits;
import io.github.dl4jzoo.train.Engine;
import io.github.dl4jzoo.train.FastDense;
import io.github.dl4jzoo.train.FastLstm;
import io.github.dl4jzoo.train.FastUpdaters;
import io.github.dl4jzoo.train.GradientStats;
import io.github.dl4jzoo.train.TrainData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What {@code --gradients} costs: epochs of a recipe (default {@code mlp}) on its data, alternating without and
 * with {@link GradientStats} attached, through the trainer's own path ({@link FastDense} and the fast updaters), in
 * one process so that both sides share the machine's load. Prints the
 * median epoch time of each side, their ratio and the load average before and after.
 *
 * <pre>{@code java -cp target/zoo.jar io.github.dl4jzoo.bench.GradientsCost [RECIPE] [ROUNDS]}</pre>
 */
public final class GradientsCost {
    private GradientsCost() {}

    public static void main(String[] args) throws IOException {
        String name = args.length > 0 ? args[0] : "mlp";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Engine.configure();
        Recipe recipe = Registry.load(Path.of("models")).get(name, List.of("data.validation=0.0"));
        Splits data = TrainData.load(recipe, Optional.empty());
        System.out.println("load average before: " + load());
        epoch(recipe, data, false); // warm-up: JIT and native allocations
        epoch(recipe, data, true);
        double[] off = new double[rounds], on = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            off[i] = epoch(recipe, data, false);
            on[i] = epoch(recipe, data, true);
        }
        System.out.println("load average after:  " + load());
        double offMedian = median(off), onMedian = median(on);
        System.out.printf(
                Locale.ROOT,
                "%s, %d rounds of one epoch each: off %.3f s, on %.3f s (medians): --gradients costs %+.1f%%%n",
                name,
                rounds,
                offMedian,
                onMedian,
                100 * (onMedian / offMedian - 1));
    }

    /** Seconds in the network's updates for one epoch of a freshly built network. */
    private static double epoch(Recipe recipe, Splits data, boolean gradients) {
        MultiLayerNetwork net = Networks.build(recipe);
        FastUpdaters.install(net);
        FastLstm.install(net);
        GradientStats stats = new GradientStats();
        if (gradients) {
            net.addListeners(stats);
        }
        FastDense step = FastDense.of(net); // the trainer's path
        data.startEpoch(0);
        long nanos = 0;
        while (data.train().hasNext()) {
            var batch = data.train().next();
            long t0 = System.nanoTime();
            step.fit(batch);
            nanos += System.nanoTime() - t0;
        }
        long t0 = System.nanoTime();
        if (gradients) {
            stats.endEpoch(1, net);
        }
        return (nanos + System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
