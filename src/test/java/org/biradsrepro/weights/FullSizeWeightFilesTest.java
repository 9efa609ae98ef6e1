package org.biradsrepro.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published full-size networks: a file with every weighted layer of the Keras model, seeded values, loads
 * completely, and every parameter then holds exactly the file's array in DJL's layout. The file is written by
 * {@link KerasWeightWriter} from the network itself (the layer list and shapes are ours; that they are Keras' is
 * what the backbone tests check against Keras' parameter counts and, for InceptionV3, Keras' traced layer table).
 *
 * <p>Timing on two shared cores (write, then read and load; the range is over a quiet and a busy machine):
 * RegNetY008 1-9 s, MobileNetV3Large 1-3 s, InceptionV3 3-14 s, NASNetMobile 2-8 s; ResNet152 (58M values) 9-23 s
 * and NASNetLarge (85M values, a 340 MB temporary file) 22-47 s, so those two run only with
 * {@code -Dweights.largeFiles=true}: {@code ./mvnw -q -B test -Dtest=FullSizeWeightFilesTest -Dweights.largeFiles=true}.
 */
class FullSizeWeightFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"regnet", "mobilenetv3", "inceptionv3", "nasnetmobile"})
    void aCompleteFileLoadsCompletely(String id) {
        check(id);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet152", "nasnetlarge"})
    @EnabledIfSystemProperty(named = "weights.largeFiles", matches = "true")
    void aCompleteLargeFileLoadsCompletely(String id) {
        check(id);
    }

    private void check(String id) {
        Backbone b = BackboneRegistry.build(id, true);
        Path file = dir.resolve(id + ".h5");
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            WeightTesting.initialise(b, m, 96, 1);
            WeightTesting.randomise(b, 21);
            KerasWeightWriter.write(file, b);
            long t1 = System.nanoTime();
            WeightTesting.randomise(b, 22);
            KerasWeightFile read = KerasWeightFile.read(file);
            LoadReport report = KerasWeights.load(read, b);
            long t2 = System.nanoTime();

            List<KerasLayer> layers = KerasLayerMap.of(b);
            assertThat(report.layers()).isEqualTo(layers.size()).isEqualTo(read.weightedLayers().size());
            assertThat(report.parameters()).isEqualTo(KerasLayerMap.parameters(b).size());
            long values = 0;
            for (int i = 0; i < layers.size(); i++) {
                KerasLayer layer = layers.get(i);
                KerasWeightFile.Layer inFile = read.layers().get(i);
                assertThat(inFile.name()).isEqualTo(layer.name());
                for (int s = 0; s < layer.slots().size(); s++) {
                    KerasLayer.Slot slot = layer.slots().get(s);
                    KerasWeightFile.WeightArray a = inFile.arrays().get(s);
                    try (NDManager scratch = m.newSubManager()) {
                        NDArray expected = slot.layout().toDjl(scratch.create(a.values(), new Shape(a.shape())));
                        assertThat(slot.parameter().getArray().toFloatArray()).as(layer.name() + " " + slot.weight())
                                .isEqualTo(expected.toFloatArray());
                    }
                    values += a.values().length;
                }
            }
            assertThat(values).isEqualTo(report.values());
            System.out.printf("%s: %d layers, %,d values; write %.1f s, read and load %.1f s%n", b.variant(),
                    report.layers(), report.values(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
    }
}
