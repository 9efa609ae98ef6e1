package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.biradsrepro.data.layout.DatasetScanner;
import org.biradsrepro.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frozen part's features are a pure function of the weights and the images: computed again and again, with
 * fresh managers, the default two threads and the feature pass's batches of 32 (here 32 then 8, a short last batch),
 * they are finite and bit-identical. Fresh memory the pass does not zero-fill is junk-filled for this test, so a
 * kernel that reads memory it never wrote (the NaN features of issue 9) fails here every time, not once in a while.
 */
class FrozenFeaturesDeterminismTest {

    private static final int IMAGES = 40;
    private static final int REPETITIONS = 20;
    private static final int BATCH = 32;
    private static float[][] decoded;
    private static int[] labels;
    private static NativeEngine.PassFill production;

    @BeforeAll
    static void decodePhantoms() {
        TestEngine.started();
        production = NativeEngine.passFill(new NativeEngine.PassFill(NativeEngine.Fill.JUNK, NativeEngine.Fill.ZERO));
        Dataset phantoms = DatasetScanner.scan(Path.of("fixtures/birads-phantoms"));
        // Every class, not only BI-RADS 1: the first images of each class folder in turn.
        int[] picked = IntStream.range(0, phantoms.size()).boxed()
                .sorted((a, b) -> Integer.compare(rank(phantoms, a), rank(phantoms, b)))
                .limit(IMAGES).mapToInt(Integer::intValue).toArray();
        ImagePreprocessor pre = new ImagePreprocessor(Profile.FIXTURE.imageSize());
        decoded = Arrays.stream(picked).parallel().mapToObj(i -> pre.load(phantoms.images().get(i).path()))
                .toArray(float[][]::new);
        labels = Arrays.stream(picked).map(i -> phantoms.images().get(i).label()).toArray();
    }

    /** Position of an image within its class, so that sorting by it interleaves the classes. */
    private static int rank(Dataset d, int index) {
        int label = d.images().get(index).label();
        return (int) IntStream.range(0, index).filter(j -> d.images().get(j).label() == label).count() * 6 + label;
    }

    @AfterAll
    static void restore() {
        NativeEngine.passFill(production);
    }

    static List<String> backbones() {
        return ReproConfig.PAPER_BACKBONES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backbones")
    void featuresAreFiniteAndBitIdenticalEveryTime(String id) {
        Backbone probe = BackboneRegistry.build(id, false);
        float[][] scaled = Arrays.stream(decoded).map(probe.scaling()::scale).toArray(float[][]::new);
        int size = Profile.FIXTURE.imageSize();
        Samples input = new Samples(scaled, new Shape(ImagePreprocessor.CHANNELS, size, size), labels);
        float[][] first = null;
        for (int rep = 0; rep < REPETITIONS; rep++) {
            TransferNetwork net = TransferNetwork.of(BackboneRegistry.build(id, false), 0, 6);
            try (NDManager manager = NDManager.newBaseManager()) {
                Initialization.initialize(net.frozen(), manager, input.batchShapes(1), 20_251_201L);
                float[][] rows = FeatureCache.extract(net.frozen(), input, manager, BATCH).rows();
                for (int i = 0; i < rows.length; i++) {
                    assertThat(FiniteFeatures.allFinite(rows[i])).as("%s, repetition %d, image %d", id, rep, i).isTrue();
                }
                if (first == null) {
                    first = rows;
                } else {
                    for (int i = 0; i < rows.length; i++) {
                        assertThat(rows[i]).as("%s, repetition %d, image %d", id, rep, i).isEqualTo(first[i]);
                    }
                }
            }
        }
    }
}
