package org.biradsrepro.data.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.biradsrepro.data.DatasetException;

/**
 * Repeated stratified random splits. The paper drew five plain random 80/20 splits; with 24 BI-RADS 5 images a
 * plain split can leave that class out of a test set, so each class is split on its own: round(n * fraction)
 * of it goes to the test side, at least one and at most n - 1, so every class with two or more images sits on
 * both sides of every split. A class with a single image stays on the training side.
 *
 * <p><b>Groups</b> ({@link #split(int[], int[], double, long, int)}): images of one patient, or with identical
 * content, form a group that must sit on one side whole. The group-aware split aims at the same per-class test
 * counts t_c = round(n_c * fraction) (clamped as above) and reaches them as closely as whole groups allow:
 * <ol>
 *   <li>shuffle the groups with the split's seed (Fisher-Yates), then stable-sort them by size, largest first,
 *       so that big groups are placed while there is room and equal sizes keep their random order;</li>
 *   <li>walk the groups once; put a group on the test side when that lowers the squared distance
 *       sum_c (test_c - t_c)^2 to the targets, and never when it would leave a class with no image on the
 *       training side;</li>
 *   <li>refuse the split if either side ends up empty.</li>
 * </ol>
 * With singleton groups step 2 takes exactly t_c images of each class, so the result has the plain split's
 * counts; when every group is a singleton the plain split itself is used, so datasets without patients or
 * duplicates split exactly as before. The walk is deterministic given the seed. Like scikit-learn's
 * StratifiedGroupKFold it is a greedy heuristic, not an optimum: each class's test count is off by less than
 * its largest group.
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

    /**
     * Group-aware stratified splits: items with equal {@code groups[i]} always land on the same side.
     *
     * @param groups group number of each item; all distinct means no grouping
     * @throws DatasetException when the groups leave one side empty
     */
    public static List<Split> split(int[] labels, int[] groups, double testFraction, long seed, int count) {
        if (groups.length != labels.length) {
            throw new IllegalArgumentException(groups.length + " groups for " + labels.length + " labels");
        }
        if (Arrays.stream(groups).distinct().count() == groups.length) {
            return split(labels, testFraction, seed, count);
        }
        List<Split> plain = split(labels, testFraction, seed, count); // validates the arguments alike
        List<Split> splits = new ArrayList<>(count);
        for (Split s : plain) {
            splits.add(grouped(labels, groups, testFraction, s.index(), s.seed()));
        }
        return splits;
    }

    private static Split grouped(int[] labels, int[] groups, double testFraction, int index, long seed) {
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        Map<Integer, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            members.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
        }
        int[] total = new int[classes];
        Arrays.stream(labels).forEach(l -> total[l]++);
        int[] target = new int[classes];
        for (int c = 0; c < classes; c++) {
            target[c] = testCount(total[c], testFraction);
        }
        List<List<Integer>> order = new ArrayList<>(members.values());
        shuffle(order, new SplittableRandom(seed));
        order.sort(Comparator.comparingInt((List<Integer> g) -> g.size()).reversed());
        int[] test = new int[classes];
        List<Integer> testSide = new ArrayList<>();
        List<Integer> trainSide = new ArrayList<>();
        for (List<Integer> group : order) {
            int[] add = new int[classes];
            group.forEach(i -> add[labels[i]]++);
            boolean keepsTraining = true;
            long delta = 0;
            for (int c = 0; c < classes; c++) {
                if (add[c] > 0) {
                    keepsTraining &= test[c] + add[c] < total[c];
                    long before = test[c] - target[c];
                    long after = test[c] + add[c] - target[c];
                    delta += after * after - before * before;
                }
            }
            if (keepsTraining && delta < 0) {
                testSide.addAll(group);
                for (int c = 0; c < classes; c++) {
                    test[c] += add[c];
                }
            } else {
                trainSide.addAll(group);
            }
        }
        if (testSide.isEmpty() || trainSide.isEmpty()) {
            throw new DatasetException("Cannot split " + labels.length + " images in " + members.size()
                    + " patient/duplicate groups into training and test sides: the "
                    + (testSide.isEmpty() ? "test" : "training") + " side would be empty; more patients are needed.");
        }
        return new Split(index, seed, trainSide.stream().mapToInt(Integer::intValue).toArray(),
                testSide.stream().mapToInt(Integer::intValue).toArray());
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
