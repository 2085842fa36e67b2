package io.github.dl4jzoo.data;

import java.util.SplittableRandom;

/**
 * Derived seeds: one user seed becomes independent streams for the split, the shuffle of epoch e
 * and the augmentation of epoch e, so a run resumed at epoch e sees exactly the order it would
 * have seen, and changing one use (say, turning augmentation on) does not change the others.
 */
final class Seeds {
    // one tag per use of randomness; the values only need to differ
    static final long SPLIT = 1;
    static final long SHUFFLE = 2;
    static final long AUGMENT = 3;
    static final long SUBSET = 4;

    private Seeds() {}

    /** splitmix64 over the parts: cheap, and nearby inputs give unrelated outputs. */
    static long derive(long seed, long... parts) {
        long h = mix(seed);
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /** A seeded Fisher-Yates permutation of 0..n-1. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
