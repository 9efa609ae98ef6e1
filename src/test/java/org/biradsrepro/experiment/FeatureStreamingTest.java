package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.config.BackboneWeights;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.image.DecodeCache;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.biradsrepro.data.layout.DatasetScanner;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.testing.TinyDatasets;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With the feature cache on, images are streamed: the session holds no decoded image, only one batch at a time
 * while a feature pass runs, and the features are bit for bit those of a pass over all images decoded up front
 * (the way the session worked before it streamed).
 */
class FeatureStreamingTest {

    /** 40 phantoms: a batch of 32 and a short one of 8. */
    private static final int IMAGES = 40;

    @TempDir
    Path tmp;

    static List<String> backbones() {
        return ReproConfig.PAPER_BACKBONES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backbones")
    void streamedFeaturesAreBitIdenticalToAPassOverEveryImageDecodedUpFront(String id) {
        TestEngine.started();
        Dataset phantoms = DatasetScanner.scan(Path.of("fixtures/birads-phantoms"));
        List<LabeledImage> picked = phantoms.images().stream().limit(IMAGES).toList();
        int[] labels = picked.stream().mapToInt(LabeledImage::label).toArray();
        int size = Profile.FIXTURE.imageSize();
        ImagePreprocessor pre = new ImagePreprocessor(size);
        Backbone backbone = BackboneRegistry.build(id, false);
        // The former way: every image decoded and scaled into memory first.
        float[][] whole = picked.stream().map(i -> backbone.scaling().scale(pre.load(i.path()))).toArray(float[][]::new);
        Samples upFront = new Samples(whole, new Shape(ImagePreprocessor.CHANNELS, size, size), labels);
        // The streamed way, through a decode cache filled by a first pass, as a session's image check fills it.
        DecodeCache decodeCache = new DecodeCache(tmp.resolve("decoded"));
        picked.forEach(i -> decodeCache.load(i.path(), pre));
        ImageStream streamed = new ImageStream(picked.stream().map(LabeledImage::path).toList(), labels,
                file -> decodeCache.load(file, pre), size, backbone.scaling());

        TransferNetwork net = TransferNetwork.of(backbone, 0, 6);
        try (NDManager m = NDManager.newBaseManager()) {
            Initialization.initialize(net.frozen(), m, upFront.batchShapes(1), 20_251_202L);
            float[][] expected = FeatureCache.extract(net.frozen(), upFront, m, Experiment.EXTRACT_BATCH).rows();
            float[][] actual = FeatureCache.extract(net.frozen(), streamed, m, Experiment.EXTRACT_BATCH).rows();
            assertThat(decodeCache.hits()).as("streamed images come from the decode cache").isEqualTo(IMAGES);
            assertThat(streamed.largestBatch()).isEqualTo(Experiment.EXTRACT_BATCH);
            assertThat(actual).hasSameDimensionsAs(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("image %d", i).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void withTheFeatureCacheTheSessionHoldsNoImagesWhateverTheDatasetSize() {
        for (int perClass : new int[] {2, 7}) {
            int[] counts = IntStream.range(0, 6).map(c -> perClass).toArray();
            Path data = TinyDatasets.write(tmp.resolve("data" + perClass), counts, perClass);
            try (Experiment e = Experiment.open(config(data, true), Path.of("."), TestEngine.started())) {
                assertThat(e.heldImageValues()).as("%d images, after the check", 6 * perClass).isZero();
                e.run("resnet152", 1);
                assertThat(e.heldImageValues()).as("%d images, after training", 6 * perClass).isZero();
                assertThat(e.largestImageBatch()).as("at most one batch decoded at once")
                        .isEqualTo(Math.min(6 * perClass, Experiment.EXTRACT_BATCH));
            }
        }
    }

    @Test
    void withoutTheFeatureCacheEveryImageIsHeldAndACopyPerScalingThatChangesValues() {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {2, 3, 2, 2, 2, 2}, 3);
        long perImage = 3L * 32 * 32;
        try (Experiment e = Experiment.open(config(data, false), Path.of("."), TestEngine.started())) {
            assertThat(e.heldImageValues()).isEqualTo(13 * perImage);
            e.run("resnet152", 1); // caffe scaling: a second copy
            assertThat(e.heldImageValues()).isEqualTo(2 * 13 * perImage);
        }
        ReproConfig mobile = config(data, false).toBuilder().backbones(List.of("mobilenetv3"))
                .reportDir(tmp.resolve("mobile")).build();
        try (Experiment e = Experiment.open(mobile, Path.of("."), TestEngine.started())) {
            e.run("mobilenetv3", 1); // scales inside the network: no copy
            assertThat(e.heldImageValues()).isEqualTo(13 * perImage);
        }
    }

    private ReproConfig config(Path data, boolean featureCache) {
        return ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(tmp.resolve("r" + data.getFileName()))
                .splits(1).maxEpochs(1).imageSize(32).featureCache(featureCache).weights(BackboneWeights.RANDOM)
                .backbones(List.of("resnet152")).build();
    }
}
