package io.github.dl4jzoo.train;

import io.github.dl4jzoo.arch.Recipe;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * After each epoch, the loss (mean over examples) and metric on the held-out validation split: accuracy, or RMSE
 * in original units. They fill in the epoch's line of the history before later listeners read it.
 */
final class Validation implements TrainingListener {
    @Override
    public void onEpochEnd(TrainingContext c) {
        DataSetIterator v = c.data().validation().orElseThrow();
        MultiLayerNetwork net = c.network();
        double lossSum = 0;
        long n = 0;
        v.reset();
        while (v.hasNext()) {
            DataSet b = v.next();
            lossSum += net.score(b, false) * b.numExamples();
            n += b.numExamples();
        }
        double metric;
        if (c.recipe().task() == Recipe.Task.CLASSIFICATION) {
            metric = Evaluation.classification(net, v, c.recipe(), c.data()).accuracy();
        } else {
            double[][] tp = Evaluation.predictions(net, v, c.data());
            metric = Evaluation.regression(tp[0], tp[1]).rmse();
        }
        c.validated(lossSum / n, metric);
    }
}
