package org.biradsrepro.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhantomGeneratorTest {

    private static final PhantomSpec FIXTURE = PhantomSpec.fixture();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void sameSeedGivesIdenticalPixels(int birads) {
        PhantomSpec twin = new PhantomSpec(FIXTURE.seed(), 128, 160, Map.of(birads, 1));
        for (int index = 0; index < 3; index++) {
            assertThat(pixels(PhantomGenerator.render(FIXTURE, birads, index)))
                    .isEqualTo(pixels(PhantomGenerator.render(FIXTURE, birads, index)))
                    .as("an image must not depend on the class counts")
                    .isEqualTo(pixels(PhantomGenerator.render(twin, birads, index)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void differentSeedIndexOrClassGivesADifferentImage(int birads) {
        PhantomSpec other = new PhantomSpec(FIXTURE.seed() + 1, 128, 160, FIXTURE.countsByClass());
        int[] base = pixels(PhantomGenerator.render(FIXTURE, birads, 0));
        assertThat(changed(base, pixels(PhantomGenerator.render(other, birads, 0)), 1)).isGreaterThan(2000);
        assertThat(changed(base, pixels(PhantomGenerator.render(FIXTURE, birads, 1)), 1)).isGreaterThan(2000);
        assertThat(changed(base, pixels(PhantomGenerator.render(FIXTURE, (birads + 1) % 6, 0)), 1))
                .isGreaterThan(2000);
    }

    @Test
    void imagesAreEightBitGrayOfTheSpecSize() {
        PhantomSpec odd = new PhantomSpec(7, 50, 90, Map.of());
        BufferedImage image = PhantomGenerator.render(odd, 3, 0);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(image.getWidth()).isEqualTo(50);
        assertThat(image.getHeight()).isEqualTo(90);
    }

    @Test
    void tinyImagesStillRender() {
        PhantomSpec tiny = new PhantomSpec(3, 6, 5, Map.of());
        for (int birads = 0; birads <= 5; birads++) {
            assertThat(PhantomGenerator.render(tiny, birads, 0).getWidth()).isEqualTo(6);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void imagesShowABreastOnABlackBackground(int birads) {
        for (int index = 0; index < FIXTURE.count(birads); index++) {
            int[] p = pixels(PhantomGenerator.render(FIXTURE, birads, index));
            String what = "BI-RADS " + birads + " #" + index;
            assertThat(max(p) - min(p)).as(what + " range").isGreaterThan(birads == 0 ? 25 : 60);
            assertThat(tissueFraction(p)).as(what + " breast area").isBetween(0.3, 0.9);
            // Away from the chest wall both corners are air; a truncated BI-RADS 0 breast may cover one.
            assertThat(blackCornersAwayFromChestWall(p)).as(what + " black far corners")
                    .isGreaterThanOrEqualTo(birads == 0 ? 1 : 2);
        }
    }

    @Test
    void noFindingMeansNoChange() {
        for (int index = 0; index < 10; index++) {
            assertThat(pixels(PhantomGenerator.render(FIXTURE, 1, index, true)))
                    .isEqualTo(pixels(PhantomGenerator.render(FIXTURE, 1, index, false)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void everyFindingChangesASmallPatchOfTheSameBreast(int birads) {
        for (int index = 0; index < FIXTURE.count(birads); index++) {
            int[] with = pixels(PhantomGenerator.render(FIXTURE, birads, index, true));
            int[] without = pixels(PhantomGenerator.render(FIXTURE, birads, index, false));
            String what = "BI-RADS " + birads + " #" + index;
            assertThat(changed(with, without, 8)).as(what + " visibly changed pixels").isGreaterThanOrEqualTo(6);
            int[] box = changedBox(with, without, 3);
            assertThat(box[2] - box[0]).as(what + " finding width").isLessThan(48);
            assertThat(box[3] - box[1]).as(what + " finding height").isLessThan(48);
            assertThat(brighter(with, without)).as(what + " findings are denser than tissue").isTrue();
        }
    }

    @Test
    void everyBiradsZeroImageIsTechnicallyWorseThanItsCleanBreast() {
        Map<Defect, Integer> seen = new EnumMap<>(Defect.class);
        for (int index = 0; index < FIXTURE.count(0); index++) {
            Defect defect = PhantomGenerator.defectOf(FIXTURE, index);
            seen.merge(defect, 1, Integer::sum);
            int[] bad = pixels(PhantomGenerator.render(FIXTURE, 0, index, true));
            int[] clean = pixels(PhantomGenerator.render(FIXTURE, 0, index, false));
            String what = defect + " #" + index;
            switch (defect) {
                case BLURRED -> assertThat(highFrequencyEnergy(bad)).as(what)
                        .isLessThan(0.5 * highFrequencyEnergy(clean));
                case UNDEREXPOSED -> {
                    assertThat(tissueContrast(bad)).as(what).isLessThan(0.5 * tissueContrast(clean));
                    assertThat(max(bad)).as(what).isLessThan(max(clean) / 2);
                }
                case TRUNCATED -> assertThat(tissueOnTopAndBottomRows(bad)).as(what)
                        .isGreaterThan(tissueOnTopAndBottomRows(clean) + 20);
            }
        }
        assertThat(seen).as("all three defects occur in the fixture").containsOnlyKeys(Defect.values());
    }

    @Test
    void biradsZeroHasLessDetailOnAverageThanNormalImages() {
        assertThat(meanHighFrequencyEnergy(0, FIXTURE.count(0)))
                .isLessThan(0.7 * meanHighFrequencyEnergy(1, 30));
    }

    @Test
    void specValidationNamesTheBadValue() {
        assertThatThrownBy(() -> new PhantomSpec(1, 0, 160, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width").hasMessageContaining("0");
        assertThatThrownBy(() -> new PhantomSpec(1, 128, -5, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height").hasMessageContaining("-5");
        assertThatThrownBy(() -> new PhantomSpec(1, 128, 160, Map.of(6, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..5").hasMessageContaining("6");
        assertThatThrownBy(() -> new PhantomSpec(1, 128, 160, Map.of(-1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new PhantomSpec(1, 128, 160, Map.of(2, -3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BI-RADS 2")
                .hasMessageContaining("-3");
        Map<Integer, Integer> withNull = new HashMap<>();
        withNull.put(null, 1);
        assertThatThrownBy(() -> new PhantomSpec(1, 128, 160, withNull))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> new PhantomSpec(1, 128, 160, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("countsByClass");
    }

    @Test
    void renderValidatesClassAndIndex() {
        assertThatThrownBy(() -> PhantomGenerator.render(FIXTURE, 6, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 6");
        assertThatThrownBy(() -> PhantomGenerator.render(FIXTURE, 2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was -1");
    }

    @Test
    void fixtureSpecIsThePaperDividedByEight() {
        assertThat(FIXTURE.seed()).isEqualTo(20251125L);
        assertThat(FIXTURE.width()).isEqualTo(128);
        assertThat(FIXTURE.height()).isEqualTo(160);
        assertThat(FIXTURE.countsByClass()).containsExactly(Map.entry(0, 28), Map.entry(1, 233), Map.entry(2, 35),
                Map.entry(3, 48), Map.entry(4, 13), Map.entry(5, 3));
        assertThat(FIXTURE.total()).isEqualTo(360);
    }

    @Test
    void specCopiesAndSortsItsCounts() {
        Map<Integer, Integer> counts = new HashMap<>(Map.of(5, 1, 0, 2));
        PhantomSpec spec = new PhantomSpec(1, 8, 8, counts);
        counts.put(3, 9);
        assertThat(spec.countsByClass()).containsExactly(Map.entry(0, 2), Map.entry(5, 1));
        assertThat(spec.count(3)).isZero();
        assertThatThrownBy(() -> spec.countsByClass().put(1, 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void quantisationRoundsHalfUpAndClamps() {
        assertThat(PhantomGenerator.quantise(-0.2)).isZero();
        assertThat(PhantomGenerator.quantise(Double.NaN)).isZero();
        assertThat(PhantomGenerator.quantise(1.7)).isEqualTo(255);
        assertThat(PhantomGenerator.quantise(0.5)).isEqualTo(128);
        assertThat(PhantomGenerator.quantise(0.4999 / 255)).isZero();
        for (int level = 0; level <= 255; level++) {
            assertThat(PhantomGenerator.quantise(level / 255.0)).isEqualTo(level);
        }
    }

    @Test
    void writeDatasetCreatesFoldersOverwritesAndListsInOrder(@TempDir Path root) throws IOException {
        PhantomSpec spec = new PhantomSpec(11, 40, 50, Map.of(5, 2, 0, 1, 3, 0));
        Path first = root.resolve("BI-RADS 0/birads0-0000.png");
        Files.createDirectories(first.getParent());
        Files.writeString(first, "not a png, and longer than the image will be ".repeat(200));

        List<Path> written = PhantomGenerator.writeDataset(spec, root);

        assertThat(written).containsExactly(first, root.resolve("BI-RADS 5/birads5-0000.png"),
                root.resolve("BI-RADS 5/birads5-0001.png"));
        assertThat(root.resolve("BI-RADS 3")).doesNotExist();
        assertThat(pixels(ImageIO.read(first.toFile()))).isEqualTo(pixels(PhantomGenerator.render(spec, 0, 0)));
        assertThat(Files.readString(root.resolve("README.md")))
                .contains("| seed | 11 |", "40 x 50", PhantomGenerator.REGENERATE_COMMAND);
        assertThat(PhantomGenerator.writeDataset(spec, root)).isEqualTo(written);
    }

    @Test
    void aSetIsCompleteWhenItsReadmeDescribesTheSpecAndEveryImageIsThere(@TempDir Path root) throws IOException {
        PhantomSpec spec = new PhantomSpec(11, 40, 50, Map.of(5, 2, 0, 1));
        assertThat(PhantomGenerator.isComplete(spec, root)).as("empty folder").isFalse();
        PhantomGenerator.writeDataset(spec, root);
        assertThat(PhantomGenerator.isComplete(spec, root)).isTrue();
        assertThat(PhantomGenerator.isComplete(new PhantomSpec(12, 40, 50, spec.countsByClass()), root))
                .as("another seed's set").isFalse();
        assertThat(PhantomGenerator.isComplete(new PhantomSpec(11, 40, 50, Map.of(5, 3, 0, 1)), root))
                .as("a larger set").isFalse();
        Files.delete(root.resolve("BI-RADS 5/birads5-0001.png"));
        assertThat(PhantomGenerator.isComplete(spec, root)).as("an image missing").isFalse();
    }

    @Test
    void theMiniatureHasThePapersClassCountsAtFixtureScaleAndItsOwnSeed() {
        PhantomSpec miniature = PhantomSpec.miniature();
        assertThat(miniature.countsByClass()).containsExactlyEntriesOf(PhantomSpec.paperDrawing().countsByClass());
        assertThat(miniature.total()).isEqualTo(2881);
        assertThat(List.of(miniature.width(), miniature.height())).containsExactly(FIXTURE.width(), FIXTURE.height());
        assertThat(miniature.seed()).isNotIn(FIXTURE.seed(), PhantomSpec.paperDrawing().seed());
        assertThat(PhantomGenerator.readme(miniature)).contains(PhantomGenerator.MINIATURE_COMMAND)
                .doesNotContain(PhantomGenerator.REGENERATE_COMMAND);
    }

    // ---- image measurements ----

    static int[] pixels(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }

    private static int changed(int[] a, int[] b, int minDifference) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) >= minDifference) {
                n++;
            }
        }
        return n;
    }

    /** {x0, y0, x1, y1} around the pixels that differ by at least {@code minDifference}. */
    private static int[] changedBox(int[] a, int[] b, int minDifference) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) >= minDifference) {
                int x = i % 128;
                int y = i / 128;
                box[0] = Math.min(box[0], x);
                box[1] = Math.min(box[1], y);
                box[2] = Math.max(box[2], x);
                box[3] = Math.max(box[3], y);
            }
        }
        return box;
    }

    private static boolean brighter(int[] with, int[] without) {
        for (int i = 0; i < with.length; i++) {
            if (with[i] < without[i]) {
                return false;
            }
        }
        return true;
    }

    private static int max(int[] p) {
        int m = 0;
        for (int v : p) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static int min(int[] p) {
        int m = 255;
        for (int v : p) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double tissueFraction(int[] p) {
        int n = 0;
        for (int v : p) {
            if (v > 12) {
                n++;
            }
        }
        return n / (double) p.length;
    }

    /** Of the two corners on the side opposite the chest wall (the darker side), how many are air. */
    private static int blackCornersAwayFromChestWall(int[] p) {
        long left = 0;
        long right = 0;
        for (int y = 0; y < 160; y++) {
            left += p[y * 128] + p[y * 128 + 1];
            right += p[y * 128 + 126] + p[y * 128 + 127];
        }
        int x0 = left < right ? 0 : 124;
        return (cornerMean(p, x0, 0) < 8 ? 1 : 0) + (cornerMean(p, x0, 156) < 8 ? 1 : 0);
    }

    private static double cornerMean(int[] p, int x0, int y0) {
        double sum = 0;
        for (int y = y0; y < y0 + 4; y++) {
            for (int x = x0; x < x0 + 4; x++) {
                sum += p[y * 128 + x];
            }
        }
        return sum / 16;
    }

    /** Mean absolute 4-neighbour Laplacian: how much fine detail (texture, edges) the image holds. */
    private static double highFrequencyEnergy(int[] p) {
        double sum = 0;
        for (int y = 1; y < 159; y++) {
            for (int x = 1; x < 127; x++) {
                int i = y * 128 + x;
                sum += Math.abs(4 * p[i] - p[i - 1] - p[i + 1] - p[i - 128] - p[i + 128]);
            }
        }
        return sum / (126.0 * 158.0);
    }

    private static double meanHighFrequencyEnergy(int birads, int count) {
        double sum = 0;
        for (int index = 0; index < count; index++) {
            sum += highFrequencyEnergy(pixels(PhantomGenerator.render(FIXTURE, birads, index)));
        }
        return sum / count;
    }

    /** Standard deviation of the pixels that are not air. */
    private static double tissueContrast(int[] p) {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int v : p) {
            if (v > 4) {
                sum += v;
                sumSq += (double) v * v;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(sumSq / n - mean * mean);
    }

    private static int tissueOnTopAndBottomRows(int[] p) {
        int n = 0;
        for (int x = 0; x < 128; x++) {
            n += (p[x] > 12 ? 1 : 0) + (p[159 * 128 + x] > 12 ? 1 : 0);
        }
        return n;
    }
}
