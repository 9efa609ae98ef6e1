package org.biradsrepro.phantom;

/**
 * SplitMix64. Its output is fixed by this source alone, unlike {@link java.util.SplittableRandom}'s derived methods
 * (bounded ints, doubles), whose algorithms a JDK may change; the fixtures must not move with the JDK.
 */
final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    /** Seed of one stream, from the base seed and any number of labels (class, index, purpose). */
    static long derive(long base, long... labels) {
        long h = mix(base);
        for (long label : labels) {
            h = mix(h ^ mix(label + GOLDEN_GAMMA));
        }
        return h;
    }

    /** The SplitMix64 finaliser: a bijection that spreads every input bit over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform in [0, bound) by multiply-shift: 31 random bits times bound, no division and no retry loop. */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    int between(int lowInclusive, int highInclusive) {
        return lowInclusive + nextInt(highInclusive - lowInclusive + 1);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }
}
