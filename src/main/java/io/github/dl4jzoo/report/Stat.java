package io.github.dl4jzoo.report;

/**
 * Mean and sample standard deviation (n - 1 in the denominator: the seeds are a sample of all the seeds one could
 * have run) of one measure over a recipe's runs. The deviation is NaN for a single run, where it does not exist;
 * a NaN run (a diverged seed) makes the mean NaN rather than hiding it.
 */
record Stat(double mean, double std, int n) {
    static Stat of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a statistic needs at least one value");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : Double.NaN;
        return new Stat(mean, std, values.length);
    }
}
