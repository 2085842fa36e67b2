package io.github.dl4jzoo.data;

/** How time-series features and labels are scaled, fitted on the training windows only. */
public enum Scaling {
    /** Raw values: for tests and for models that scale inside. */
    NONE,
    /** ND4J {@code NormalizerStandardize}: zero mean, unit variance per feature and for the label. */
    STANDARDIZE,
    /** ND4J {@code NormalizerMinMaxScaler} to [0,1] per feature and for the label. */
    MIN_MAX
}
