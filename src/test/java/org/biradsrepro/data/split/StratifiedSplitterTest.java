package org.biradsrepro.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StratifiedSplitterTest {

    /** Class sizes 20, 7, 5, 2, 1, 13, interleaved so that positions do not group by class. */
    private static final int[] SIZES = {20, 7, 5, 2, 1, 13};
    /** round(n * 0.2) clamped to [1, n - 1]; 0 for a single item: 4, round(1.4)=1, 1, round(0.4)->1, 0, round(2.6)=3. */
    private static final int[] EXPECTED_TEST = {4, 1, 1, 1, 0, 3};
    private static final int[] LABELS = labels(SIZES);

    private static int[] labels(int[] sizes) {
        int total = Arrays.stream(sizes).sum();
        int[] labels = new int[total];
        int[] left = sizes.clone();
        int i = 0;
        while (i < total) {
            for (int c = 0; c < left.length; c++) {
                if (left[c] > 0) {
                    labels[i++] = c;
                    left[c]--;
                }
            }
        }
        return labels;
    }

    private static int[] countPerClass(int[] indices) {
        int[] counts = new int[SIZES.length];
        for (int i : indices) {
            counts[LABELS[i]]++;
        }
        return counts;
    }

    @Test
    void sameSeedGivesTheSameSplits() {
        assertThat(StratifiedSplitter.split(LABELS, 0.2, 42, 5)).isEqualTo(StratifiedSplitter.split(LABELS, 0.2, 42, 5));
    }

    @Test
    void differentSeedGivesDifferentSplits() {
        List<Split> a = StratifiedSplitter.split(LABELS, 0.2, 42, 5);
        List<Split> b = StratifiedSplitter.split(LABELS, 0.2, 43, 5);

        for (int k = 0; k < 5; k++) {
            assertThat(b.get(k).test()).isNotEqualTo(a.get(k).test());
        }
    }

    @Test
    void trainAndTestAreDisjointAndTogetherHoldEveryItemOnce() {
        for (Split s : StratifiedSplitter.split(LABELS, 0.2, 42, 5)) {
            int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();

            assertThat(all).as(s.toString()).containsExactly(IntStream.range(0, LABELS.length).toArray());
            assertThat(s.train()).as("sorted").isSorted();
            assertThat(s.test()).as("sorted").isSorted();
        }
    }

    @Test
    void testSidePerClassIsRoundedFractionClampedSoEveryClassOfTwoOrMoreIsOnBothSides() {
        for (Split s : StratifiedSplitter.split(LABELS, 0.2, 42, 5)) {
            int[] test = countPerClass(s.test());
            int[] train = countPerClass(s.train());

            assertThat(test).as("test per class, " + s).containsExactly(EXPECTED_TEST);
            for (int c = 0; c < SIZES.length; c++) {
                assertThat(train[c]).as("train class " + c).isEqualTo(SIZES[c] - EXPECTED_TEST[c]);
                if (SIZES[c] >= 2) {
                    assertThat(train[c]).as("class " + c + " on the train side").isPositive();
                    assertThat(test[c]).as("class " + c + " on the test side").isPositive();
                }
            }
        }
    }

    @Test
    void singleItemClassStaysOnTheTrainingSide() {
        int single = 4;
        int position = IntStream.range(0, LABELS.length).filter(i -> LABELS[i] == single).findFirst().orElseThrow();

        for (Split s : StratifiedSplitter.split(LABELS, 0.2, 7, 5)) {
            assertThat(s.train()).contains(position);
            assertThat(s.test()).doesNotContain(position);
        }
    }

    @ParameterizedTest(name = "n={0}, fraction={1} -> {2}")
    @CsvSource({
        "0, 0.2, 0",
        "1, 0.2, 0",
        "2, 0.2, 1",   // round(0.4) = 0, clamped up to 1
        "2, 0.9, 1",   // round(1.8) = 2, clamped down to n - 1
        "5, 0.2, 1",
        "7, 0.2, 1",   // round(1.4)
        "8, 0.2, 2",   // round(1.6)
        "10, 0.2, 2",
        "13, 0.2, 3",  // round(2.6)
        "24, 0.2, 5",  // round(4.8): the paper's 24 BI-RADS 5 images
        "5, 0.5, 3",   // round(2.5) rounds half up
        "3, 0.9, 2",   // round(2.7) = 3, clamped to n - 1
        "233, 0.2, 47", // round(46.6)
    })
    void testCountPerClass(int n, double fraction, int expected) {
        assertThat(StratifiedSplitter.testCount(n, fraction)).isEqualTo(expected);
    }

    @Test
    void splitsOfOneCallDifferFromEachOther() {
        List<Split> splits = StratifiedSplitter.split(LABELS, 0.2, 42, 5);
        Set<String> testSets = new HashSet<>();
        splits.forEach(s -> testSets.add(Arrays.toString(s.test())));

        assertThat(testSets).hasSize(5);
    }

    @Test
    void addingSplitsLeavesTheEarlierOnesUnchanged() {
        List<Split> three = StratifiedSplitter.split(LABELS, 0.2, 42, 3);
        List<Split> five = StratifiedSplitter.split(LABELS, 0.2, 42, 5);

        assertThat(five.subList(0, 3)).isEqualTo(three);
    }

    @Test
    void splitsAreNumberedFromOneAndCarryTheirOwnSeed() {
        List<Split> splits = StratifiedSplitter.split(LABELS, 0.2, 42, 3);

        assertThat(splits).extracting(Split::index).containsExactly(1, 2, 3);
        for (Split s : splits) {
            assertThat(s.seed()).isEqualTo(StratifiedSplitter.splitSeed(42, s.index()));
        }
        assertThat(splits).extracting(Split::seed).doesNotHaveDuplicates();
    }

    @Test
    void splitDoesNotExposeItsArrays() {
        Split s = StratifiedSplitter.split(LABELS, 0.2, 42, 1).get(0);
        int first = s.test()[0];
        s.test()[0] = -5;
        s.train()[0] = -5;

        assertThat(s.test()[0]).isEqualTo(first);
        assertThat(s.train()).doesNotContain(-5);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> StratifiedSplitter.split(LABELS, 0, 1, 1)).hasMessageContaining("test fraction");
        assertThatThrownBy(() -> StratifiedSplitter.split(LABELS, 1, 1, 1)).hasMessageContaining("test fraction");
        assertThatThrownBy(() -> StratifiedSplitter.split(LABELS, 0.2, 1, 0)).hasMessageContaining("split count");
        assertThatThrownBy(() -> StratifiedSplitter.split(new int[] {0, -1}, 0.2, 1, 1)).hasMessageContaining("-1");
    }
}
