package org.biradsrepro.data.split;

import java.util.Arrays;

/**
 * One train/test partition of a dataset, as indices into {@link Dataset#images()}, both sorted ascending.
 *
 * @param index 1-based split number, as in the paper's "five test sets"
 * @param seed the seed this split was drawn with
 */
public record Split(int index, long seed, int[] train, int[] test) {
    public Split {
        train = train.clone();
        test = test.clone();
        Arrays.sort(train);
        Arrays.sort(test);
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && s.index == index && s.seed == seed
                && Arrays.equals(s.train, train) && Arrays.equals(s.test, test);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Integer.hashCode(index) + Long.hashCode(seed)) + 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[" + index + ", seed " + seed + ", train " + train.length + ", test " + test.length + "]";
    }
}
