package org.biradsrepro.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.biradsrepro.data.DatasetException;
import org.junit.jupiter.api.Test;

/** Properties of the group-aware stratified split, over many random datasets and seeds. */
class GroupedSplitTest {

    /** A random dataset of patients with 1..maxViews images each; labels per patient (KAU-BCMD style) or per image. */
    private record Grouped(int[] labels, int[] groups) {
        static Grouped random(long seed, int patients, int maxViews, boolean labelPerPatient) {
            SplittableRandom rng = new SplittableRandom(seed);
            List<Integer> labels = new ArrayList<>();
            List<Integer> groups = new ArrayList<>();
            // skewed class sizes, as in the paper (BI-RADS 1 dominates, BI-RADS 5 is rare)
            int[] weights = {8, 60, 9, 12, 4, 2};
            for (int p = 0; p < patients; p++) {
                int views = 1 + rng.nextInt(maxViews);
                int patientLabel = draw(rng, weights);
                for (int v = 0; v < views; v++) {
                    labels.add(labelPerPatient ? patientLabel : draw(rng, weights));
                    groups.add(p);
                }
            }
            return new Grouped(labels.stream().mapToInt(Integer::intValue).toArray(),
                    groups.stream().mapToInt(Integer::intValue).toArray());
        }

        private static int draw(SplittableRandom rng, int[] weights) {
            int r = rng.nextInt(Arrays.stream(weights).sum());
            for (int c = 0; c < weights.length; c++) {
                r -= weights[c];
                if (r < 0) {
                    return c;
                }
            }
            throw new AssertionError();
        }
    }

    private static Set<Integer> groupsOf(int[] indices, int[] groups) {
        Set<Integer> s = new HashSet<>();
        Arrays.stream(indices).forEach(i -> s.add(groups[i]));
        return s;
    }

    @Test
    void noPatientIsEverOnBothSidesAndEveryImageIsOnExactlyOneSide() {
        for (long seed = 0; seed < 200; seed++) {
            Grouped g = Grouped.random(seed, 40 + (int) (seed % 60), 4, seed % 3 != 0);
            for (Split s : StratifiedSplitter.split(g.labels(), g.groups(), 0.2, seed * 31, 3)) {
                Set<Integer> train = groupsOf(s.train(), g.groups());
                Set<Integer> test = groupsOf(s.test(), g.groups());
                train.retainAll(test);
                assertThat(train).as("patients on both sides, seed " + seed + ", " + s).isEmpty();
                int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();
                assertThat(all).containsExactly(IntStream.range(0, g.labels().length).toArray());
                assertThat(s.test()).isNotEmpty();
            }
        }
    }

    @Test
    void eachClassGetsItsTargetTestCountWithinTheSizeOfAGroup() {
        int maxViews = 4;
        for (long seed = 0; seed < 200; seed++) {
            Grouped g = Grouped.random(seed, 60 + (int) (seed % 80), maxViews, true);
            int[] total = new int[6];
            Arrays.stream(g.labels()).forEach(l -> total[l]++);
            for (Split s : StratifiedSplitter.split(g.labels(), g.groups(), 0.2, seed, 2)) {
                int[] test = new int[6];
                Arrays.stream(s.test()).forEach(i -> test[g.labels()[i]]++);
                for (int c = 0; c < 6; c++) {
                    int target = StratifiedSplitter.testCount(total[c], 0.2);
                    assertThat(Math.abs(test[c] - target)).as("class " + c + " of " + total[c] + ", seed " + seed)
                            .isLessThanOrEqualTo(maxViews);
                    if (total[c] > 0) {
                        assertThat(total[c] - test[c]).as("class " + c + " keeps an image on the training side")
                                .isPositive();
                    }
                }
            }
        }
    }

    @Test
    void withoutGroupsItIsThePlainStratifiedSplit() {
        int[] labels = Grouped.random(5, 80, 1, true).labels();
        int[] singletons = IntStream.range(0, labels.length).toArray();

        assertThat(StratifiedSplitter.split(labels, singletons, 0.2, 42, 5))
                .isEqualTo(StratifiedSplitter.split(labels, 0.2, 42, 5));
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedOthers() {
        Grouped g = Grouped.random(11, 100, 4, true);

        List<Split> a = StratifiedSplitter.split(g.labels(), g.groups(), 0.2, 42, 5);
        assertThat(StratifiedSplitter.split(g.labels(), g.groups(), 0.2, 42, 5)).isEqualTo(a);
        List<Split> b = StratifiedSplitter.split(g.labels(), g.groups(), 0.2, 43, 5);
        for (int k = 0; k < 5; k++) {
            assertThat(b.get(k).test()).isNotEqualTo(a.get(k).test());
        }
        assertThat(a.stream().map(s -> Arrays.toString(s.test())).distinct()).hasSize(5);
    }

    @Test
    void aClassHeldByOnePatientStaysOnTheTrainingSide() {
        // class 5: three views of patient 9 only
        int[] labels = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5, 5, 5};
        int[] groups = {0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 9, 9};

        for (Split s : StratifiedSplitter.split(labels, groups, 0.2, 3, 10)) {
            assertThat(s.test()).doesNotContain(10, 11, 12);
            assertThat(s.test()).hasSize(2);
        }
    }

    @Test
    void oneGroupForEverythingCannotBeSplit() {
        assertThatThrownBy(() -> StratifiedSplitter.split(new int[] {1, 2, 1, 2}, new int[] {0, 0, 0, 0}, 0.2, 1, 1))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("test side would be empty");
    }
}
