package io.github.dl4jzoo.data;

/**
 * What {@code zoo data list / fetch / verify} report for one dataset: where it was found (or
 * {@link Where#MISSING}, location "-"), its size as stored, and whether its checksums were verified.
 */
public record DatasetStatus(
        String id,
        String description,
        Where where,
        String location,
        long sizeBytes,
        Verification verification,
        String detail) {

    /** Where a dataset was found, in lookup order. */
    public enum Where {
        DIR_FLAG,
        DATA_HOME,
        CACHE,
        SYSTEM,
        DOWNLOADED,
        EMBEDDED,
        BUILT_IN,
        PATH,
        MISSING
    }

    public enum Verification {
        /** Every file matched its published checksum. */
        VERIFIED,
        /** A file did not match; {@code detail} says which. */
        FAILED,
        /** Nothing to compare against (a PATH dataset, a built-in one, raw MNIST files). */
        NO_CHECKSUM,
        /** Not found, so nothing was checked. */
        MISSING
    }
}
