package org.biradsrepro.experiment;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Every random choice of a run gets its own seed, derived from the base seed, a purpose and the split, so that
 * changing one (say, the number of splits) never shifts another (the shuffling of split 1).
 */
public final class Seeds {

    public static final String FROZEN = "frozen-backbone";
    public static final String HEAD = "trainable-head";
    public static final String SHUFFLE = "epoch-shuffle";
    public static final String VALIDATION = "validation-carve";
    /**
     * The separate baseline run of independent pairing: its own head initialisation and shuffling, as a second
     * run in the paper would have had. The frozen backbone keeps its seed, standing in for the ImageNet weights
     * that both of the paper's runs shared; the split is the same so that the two variants stay comparable.
     */
    public static final String BASELINE_RUN_HEAD = "baseline-run-head";
    public static final String BASELINE_RUN_SHUFFLE = "baseline-run-shuffle";

    private Seeds() {}

    /**
     * The head seed's purpose of a split's {@code run}-th training ({@code repro.replicates}): the matrix's own for
     * run 1, independent pairing's second run's for run 2 (so that the negative control and independent pairing
     * reuse it), and its own for run 3 onwards.
     */
    public static String headOf(int run) {
        return run == 1 ? HEAD : run == 2 ? BASELINE_RUN_HEAD : "replicate-" + run + "-head";
    }

    /** The shuffling seed's purpose of a split's {@code run}-th training, as {@link #headOf}. */
    public static String shuffleOf(int run) {
        return run == 1 ? SHUFFLE : run == 2 ? BASELINE_RUN_SHUFFLE : "replicate-" + run + "-shuffle";
    }

    public static long derive(long base, String purpose, int split) {
        long h = base;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = h * 31 + b;
        }
        return new SplittableRandom(h ^ (0x9E3779B97F4A7C15L * (split + 1))).nextLong();
    }
}
