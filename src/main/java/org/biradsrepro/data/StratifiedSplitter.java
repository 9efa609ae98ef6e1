package org.biradsrepro.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Repeated stratified random splits. The paper drew five plain random 80/20 splits; with 24 BI-RADS 5 images a
 * plain split can leave that class out of a test set, so each class is split on its own: round(n * fraction)
 * of it goes to the test side, at least one and at most n - 1, so every class with two or more images sits on
 * both sides of every split. A class with a single image stays on the training side.
 */
public final class StratifiedSplitter {

    private StratifiedSplitter() {}

    /**
     * @param labels class of each item; items are identified by their position
     * @param testFraction share of each class for the test side, in (0, 1)
     * @param seed base seed; split k uses a seed derived from (seed, k), so adding splits leaves earlier ones as they were
     * @param count how many splits
     */
    public static List<Split> split(int[] labels, double testFraction, long seed, int count) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1): " + testFraction);
        }
        if (count < 1) {
            throw new IllegalArgumentException("split count must be at least 1: " + count);
        }
        int classes = 0;
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException("negative label: " + l);
            }
            classes = Math.max(classes, l + 1);
        }
        List<Split> splits = new ArrayList<>(count);
        for (int k = 1; k <= count; k++) {
            long splitSeed = splitSeed(seed, k);
            splits.add(one(labels, classes, testFraction, k, splitSeed));
        }
        return splits;
    }

    /** The seed of split k: a SplittableRandom mix, so neighbouring base seeds give unrelated splits. */
    public static long splitSeed(long seed, int k) {
        return new SplittableRandom(seed).split().nextLong() ^ (k * 0x9E3779B97F4A7C15L);
    }

    /** Test side size for a class of n items. */
    public static int testCount(int n, double testFraction) {
        if (n < 2) {
            return 0;
        }
        int t = (int) Math.round(n * testFraction);
        return Math.max(1, Math.min(n - 1, t));
    }

    private static Split one(int[] labels, int classes, double testFraction, int index, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            shuffle(members, rng);
            int t = testCount(members.size(), testFraction);
            test.addAll(members.subList(0, t));
            train.addAll(members.subList(t, members.size()));
        }
        return new Split(index, seed, train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Fisher-Yates with an explicit generator, so the permutation is fixed by the seed on every JVM. */
    static <T> void shuffle(List<T> items, SplittableRandom rng) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T tmp = items.get(i);
            items.set(i, items.get(j));
            items.set(j, tmp);
        }
    }
}
