package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biradsrepro.backbone.NASNet;
import org.biradsrepro.backbone.TransferNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features on disk: read back bit for bit, keyed by the computation and each batch's images, damage reported. */
class FeatureStoreTest {

    @TempDir
    Path tmp;

    private static final List<String> HASHES = List.of("h0", "h1", "h2", "h3", "h4");

    /** NASNet cut at a stage boundary: two feature maps per image, side by side in a row. */
    @Test
    void featuresOfTwoArraysPerImageReadBackBitForBitWithoutAForwardPass() {
        TransferNetwork net = TransferNetwork.of(NASNet.build(NASNet.MOBILE_FIXTURE), 1, 6);
        Samples input = FeatureCacheTest.images(5, 40);
        FeatureStore first = FeatureStore.inFolder(tmp, message -> {});
        FeatureStore second = FeatureStore.inFolder(tmp, message -> {});
        try (NDManager m = NDManager.newBaseManager()) {
            Initialization.initialize(net.frozen(), m, input.batchShapes(1), 4);
            Samples computed = FeatureCache.extract(net.frozen(), input, m, 2, first.batches("net", HASHES));
            CountingSource counted = new CountingSource(input);
            Samples read = FeatureCache.extract(net.frozen(), counted, m, 2, second.batches("net", HASHES));

            assertThat(first.computedBatches()).isEqualTo(3);
            assertThat(second.computedBatches()).isZero();
            assertThat(second.storedBatchesRead()).isEqualTo(3);
            assertThat(counted.rowsRead).as("no image read").isZero();
            assertThat(read.itemShapes()).isEqualTo(computed.itemShapes()).hasSize(2);
            for (int i = 0; i < computed.size(); i++) {
                assertThat(read.rows()[i]).as("image %d", i).isEqualTo(computed.rows()[i]);
            }
        }
    }

    @Test
    void anotherComputationOrAnotherImageInABatchMisses() {
        List<Shape> shapes = List.of(new Shape(2));
        float[][] rows = {{1, 2}, {3, 4}};
        FeatureStore store = FeatureStore.inFolder(tmp, message -> {});
        store.batches("net", HASHES).computed(0, 2, shapes, rows);

        assertThat(store.batches("net", HASHES).read(0, 2, shapes)).isEqualTo(rows);
        assertThat(store.batches("net", List.of("h0", "h1", "x", "x", "x")).read(0, 2, shapes)).as("same images")
                .isEqualTo(rows);
        assertThat(store.batches("net2", HASHES).read(0, 2, shapes)).as("other computation").isNull();
        assertThat(store.batches("net", List.of("h0", "changed", "h2", "h3", "h4")).read(0, 2, shapes))
                .as("one image of the batch changed").isNull();
        assertThat(store.batches("net", HASHES).read(0, 1, shapes)).as("other batch composition").isNull();
        assertThat(store.batches("net", HASHES).read(0, 2, List.of(new Shape(1, 2)))).as("other shapes").isNull();
    }

    @Test
    void aBatchWithANonFiniteValueIsNotStored() {
        List<Shape> shapes = List.of(new Shape(2));
        FeatureStore store = FeatureStore.inFolder(tmp, message -> {});
        store.batches("net", HASHES).computed(0, 2, shapes, new float[][] {{1, Float.NaN}, {3, 4}});
        assertThat(store.batches("net", HASHES).read(0, 2, shapes)).isNull();
        assertThat(store.computedBatches()).isEqualTo(1);
    }

    @Test
    void aDamagedEntryIsReportedNamingItsFileAndReadsAsMissing() throws IOException {
        List<Shape> shapes = List.of(new Shape(2));
        List<String> reports = new ArrayList<>();
        FeatureStore store = FeatureStore.inFolder(tmp, reports::add);
        store.batches("net", HASHES).computed(0, 2, shapes, new float[][] {{1, 2}, {3, 4}});
        Path entry;
        try (Stream<Path> s = Files.list(tmp)) {
            entry = s.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 9] ^= 0x01;
        Files.write(entry, bytes);

        assertThat(store.batches("net", HASHES).read(0, 2, shapes)).isNull();
        assertThat(store.damagedEntries()).isEqualTo(1);
        assertThat(reports).singleElement().asString().contains(entry.getFileName().toString())
                .contains("checksum").contains("repro.featureCacheDir");
    }

    /** Every part of the key but the dataset changes the computation's text, so a change of any one misses. */
    @Test
    void everyPartOfTheKeyButTheDatasetNamesTheComputation() throws ReflectiveOperationException {
        FeatureCache.Key base = new FeatureCache.Key("resnet152", false, 1, 0, "size=80", "CAFFE",
                Map.of("source", "fixture", "sha256", "aa"), "engine=x", "fp");
        List<FeatureCache.Key> changed = List.of(
                new FeatureCache.Key("resnet50", false, 1, 0, "size=80", "CAFFE", base.weights(), "engine=x", "fp"),
                new FeatureCache.Key("resnet152", true, 1, 0, "size=80", "CAFFE", base.weights(), "engine=x", "fp"),
                new FeatureCache.Key("resnet152", false, 2, 0, "size=80", "CAFFE", base.weights(), "engine=x", "fp"),
                new FeatureCache.Key("resnet152", false, 1, 1, "size=80", "CAFFE", base.weights(), "engine=x", "fp"),
                new FeatureCache.Key("resnet152", false, 1, 0, "size=81", "CAFFE", base.weights(), "engine=x", "fp"),
                new FeatureCache.Key("resnet152", false, 1, 0, "size=80", "TF", base.weights(), "engine=x", "fp"),
                new FeatureCache.Key("resnet152", false, 1, 0, "size=80", "CAFFE",
                        Map.of("source", "fixture", "sha256", "ab"), "engine=x", "fp"),
                new FeatureCache.Key("resnet152", false, 1, 0, "size=80", "CAFFE", base.weights(), "engine=y", "fp"));
        RecordComponent[] parts = FeatureCache.Key.class.getRecordComponents();
        assertThat(changed).as("one change per part but the fingerprint").hasSize(parts.length - 1);
        for (int i = 0; i < changed.size(); i++) {
            assertThat(parts[i].getAccessor().invoke(changed.get(i))).as(parts[i].getName())
                    .isNotEqualTo(parts[i].getAccessor().invoke(base));
            assertThat(changed.get(i).computation()).as(parts[i].getName()).isNotEqualTo(base.computation());
        }
        assertThat(new FeatureCache.Key("resnet152", false, 1, 0, "size=80", "CAFFE", base.weights(), "engine=x",
                "other data").computation()).as("the batch's images stand for the dataset").isEqualTo(base.computation());
    }

    /** A source that counts the rows asked of it. */
    private static final class CountingSource implements SampleSource {
        private final Samples inner;
        int rowsRead;

        CountingSource(Samples inner) {
            this.inner = inner;
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public List<Shape> itemShapes() {
            return inner.itemShapes();
        }

        @Override
        public int[] labels() {
            return inner.labels();
        }

        @Override
        public float[][] rows(int from, int to) {
            rowsRead += to - from;
            return inner.rows(from, to);
        }
    }
}
