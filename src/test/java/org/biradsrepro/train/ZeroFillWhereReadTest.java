package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.ZeroFill;
import org.biradsrepro.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code repro.zeroFill=where-read} leaves fresh memory unfilled in the frozen pass except inside the convolutions
 * that can read oneDNN's unwritten channel padding (backbone.ChannelPadding). Here everything else is filled with
 * libtorch's NaN-like junk instead of left as it comes, at the shapes production runs: every backbone at full size
 * and 331 px, and at fixture size and 80 px, the paper's feature batch of 8 and a last batch of one image (2,881 =
 * 360 x 8 + 1; kernels are chosen by shape). The features must be finite and the same bits as a pass that
 * zero-fills everything: so no other kernel reads memory it did not write, and the rule misses no convolution that
 * does. Kernels differ by processor (oneDNN dispatches on the instruction set), so this runs wherever the build does.
 */
class ZeroFillWhereReadTest {

    private static final int BATCH = 8;
    private static final int IMAGES = BATCH + 1;
    private static final NativeEngine.PassFill EVERYWHERE =
            new NativeEngine.PassFill(NativeEngine.Fill.ZERO, NativeEngine.Fill.ZERO);
    private static final NativeEngine.PassFill JUNK_ELSEWHERE =
            new NativeEngine.PassFill(NativeEngine.Fill.JUNK, NativeEngine.Fill.ZERO);
    private static final NativeEngine.PassFill JUNK_EVERYWHERE =
            new NativeEngine.PassFill(NativeEngine.Fill.JUNK, NativeEngine.Fill.JUNK);

    private NativeEngine.PassFill production;

    @BeforeAll
    static void whereRead() {
        assertThat(TestEngine.started().zeroFill()).as("the engine of the test JVM").isEqualTo(ZeroFill.WHERE_READ);
    }

    @AfterEach
    void restore() {
        if (production != null) {
            NativeEngine.passFill(production);
        }
    }

    static List<Arguments> shapes() {
        List<Arguments> cases = new ArrayList<>();
        for (String id : ReproConfig.PAPER_BACKBONES) {
            cases.add(Arguments.of(id, true, Profile.PAPER.imageSize()));
            cases.add(Arguments.of(id, false, Profile.FIXTURE.imageSize()));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, full size {1}, {2} px")
    @MethodSource("shapes")
    void junkWhereNothingIsZeroFilledChangesNoFeature(String id, boolean fullSize, int imageSize) {
        float[][] reference = features(id, fullSize, imageSize, EVERYWHERE);
        float[][] narrowed = features(id, fullSize, imageSize, JUNK_ELSEWHERE);
        for (int i = 0; i < IMAGES; i++) {
            assertThat(FiniteFeatures.allFinite(narrowed[i])).as("%s image %d (batch of %d) finite", id, i,
                    i < BATCH ? BATCH : 1).isTrue();
            assertThat(narrowed[i]).as("%s image %d (batch of %d)", id, i, i < BATCH ? BATCH : 1).isEqualTo(reference[i]);
        }
    }

    /**
     * The test above can fail: with the padded convolutions junk-filled too (the narrowing made wrong), the fixture
     * InceptionV3, whose 17x17 modules convolve 20 channels, computes other features. Skipped, and says so, on a
     * processor whose kernels never read that padding; there the rule costs a memset and protects nothing.
     */
    @Test
    void aNarrowingThatMissesThePaddedConvolutionsIsSeen() {
        float[][] reference = features("inceptionv3", false, Profile.FIXTURE.imageSize(), EVERYWHERE);
        float[][] wrong = features("inceptionv3", false, Profile.FIXTURE.imageSize(), JUNK_EVERYWHERE);
        boolean seen = IntStream.range(0, IMAGES).anyMatch(i -> !Arrays.equals(wrong[i], reference[i]));
        assumeTrue(seen, "this processor's oneDNN kernels do not read the unwritten channel padding");
        assertThat(IntStream.range(0, IMAGES).filter(i -> !FiniteFeatures.allFinite(wrong[i])).count())
                .as("images whose features the junk made non-finite").isPositive();
    }

    private float[][] features(String id, boolean fullSize, int imageSize, NativeEngine.PassFill fill) {
        NativeEngine.PassFill previous = NativeEngine.passFill(fill);
        if (production == null) {
            production = previous;
        }
        TransferNetwork net = TransferNetwork.of(BackboneRegistry.build(id, fullSize), 0, 6);
        Shape image = new Shape(3, imageSize, imageSize);
        try (NDManager manager = NDManager.newBaseManager()) {
            Initialization.initialize(net.frozen(), manager, new Shape(1, 3, imageSize, imageSize), 20_251_206L);
            return FeatureCache.extract(net.frozen(), randomImages(image), manager, BATCH).rows();
        }
    }

    /** Seeded images in the backbones' input range, [-1, 1]. */
    private static Samples randomImages(Shape image) {
        SplittableRandom random = new SplittableRandom(7);
        float[][] rows = new float[IMAGES][(int) image.size()];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        return new Samples(rows, image, IntStream.range(0, IMAGES).map(i -> i % 6).toArray());
    }
}
