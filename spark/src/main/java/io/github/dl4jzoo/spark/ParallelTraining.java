package io.github.dl4jzoo.spark;

import io.github.dl4jzoo.arch.Networks;
import io.github.dl4jzoo.arch.Recipe;
import io.github.dl4jzoo.data.Splits;
import io.github.dl4jzoo.report.RunReport;
import io.github.dl4jzoo.train.Environment;
import io.github.dl4jzoo.train.EpochStats;
import io.github.dl4jzoo.train.RunFolder;
import io.github.dl4jzoo.train.RunResult;
import io.github.dl4jzoo.train.TrainException;
import io.github.dl4jzoo.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * One recipe trained data-parallel with dl4j-spark's {@link ParameterAveragingTrainingMaster}: each worker fits
 * its share of the recipe's batches on a copy of the network, and the copies' parameters (and updater state) are
 * averaged every {@value #AVERAGING_FREQUENCY} batches per worker. The driver then evaluates and saves the network
 * as {@code zoo train} does, so the run folder has the same files and its model.zip loads in plain DL4J.
 */
final class ParallelTraining {
    /**
     * Batches each worker fits between two averagings, as DL4J's examples (5 to 10). On lenet5's one-epoch sample
     * run it ended 3 points below one process (0.754 against 0.784); averaging after every batch did worse (0.692),
     * and so did splitting each recipe batch over the two workers (64 examples each, averaged every 5: 0.705).
     */
    static final int AVERAGING_FREQUENCY = 5;

    private ParallelTraining() {}

    static RunResult train(
            String master, Recipe recipe, RunFolder folder, Splits data, Trainer.Options options, PrintWriter log) {
        if (Files.isRegularFile(folder.file(RunFolder.STATE))) {
            throw new TrainException(folder.dir() + ": --resume is not supported with --master; train a new run");
        }
        Environment.write(folder);
        MultiLayerNetwork net = Networks.build(recipe);
        ParameterAveragingTrainingMaster master_ = new ParameterAveragingTrainingMaster.Builder(recipe.batchSize())
                .batchSizePerWorker(recipe.batchSize())
                .averagingFrequency(AVERAGING_FREQUENCY)
                .workerPrefetchNumBatches(0)
                .rngSeed(recipe.seed())
                .collectTrainingStats(false)
                // The batches are already in memory as an RDD: hand them to the workers as they are, rather than
                // exporting them to files first (which DL4J refuses on a local file system outside local mode).
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .build();
        List<EpochStats> history = new ArrayList<>();
        try (JavaSparkContext sc = SparkContexts.open(master, "zoo train " + recipe.name())) {
            int workers = Math.max(1, sc.defaultParallelism());
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, master_);
            for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
                data.startEpoch(epoch);
                List<DataSet> batches = new ArrayList<>();
                DataSetIterator it = data.train();
                long samples = 0;
                while (it.hasNext()) {
                    DataSet b = it.next();
                    samples += b.numExamples();
                    batches.add(b);
                }
                JavaRDD<DataSet> rdd = sc.parallelize(batches, workers);
                long t0 = System.nanoTime();
                spark.fit(rdd);
                double seconds = (System.nanoTime() - t0) / 1e9;
                EpochStats stats =
                        new EpochStats(epoch + 1, spark.getScore(), Double.NaN, Double.NaN, samples / seconds, seconds);
                history.add(stats);
                if (options.verbose() > 0) {
                    log.printf(
                            Locale.ROOT,
                            "%s epoch %d/%d: loss %.4f, %.1f s on %d workers (%s)%n",
                            recipe.name(),
                            epoch + 1,
                            recipe.epochs(),
                            stats.trainLoss(),
                            seconds,
                            workers,
                            master);
                    log.flush();
                }
            }
            net = spark.getNetwork();
        }
        RunResult result = new Trainer(log).finishTrained(recipe, data, net, folder, history);
        try {
            RunReport.write(folder.dir(), result);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(
                    folder.dir() + ": cannot write the run's reports: " + e.getMessage(), e);
        }
        return result;
    }
}
