package org.biradsrepro.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Write, then load into a fresh, differently seeded model: every stem and stage parameter (BatchNorm's moving
 * statistics included) is assigned exactly once, none keeps its initial value, each equals what was written, and
 * the features are identical.
 */
class KerasWeightsRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"regnet", "resnet152", "mobilenetv3", "inceptionv3", "nasnetlarge", "nasnetmobile"})
    void fixtureBackboneSurvivesWriteAndLoad(String id) {
        Backbone source = BackboneRegistry.build(id, false);
        Backbone target = BackboneRegistry.build(id, false);
        Path file = dir.resolve(id + ".h5");
        try (NDManager m = NDManager.newBaseManager()) {
            WeightTesting.initialise(source, m, WeightTesting.SIZE, 1);
            WeightTesting.randomise(source, 7);
            KerasWeightWriter.write(file, source);
            float[] expected = WeightTesting.features(source, m, WeightTesting.SIZE);
            for (float v : expected) {
                assertThat(Float.isFinite(v)).as("finite features, or the comparison proves nothing").isTrue();
            }

            WeightTesting.initialise(target, m, WeightTesting.SIZE, 2);
            List<Parameter> params = KerasLayerMap.parameters(target);
            Map<Parameter, float[]> before = WeightTesting.snapshot(params);
            Map<Parameter, float[]> written = WeightTesting.snapshot(KerasLayerMap.parameters(source));

            LoadReport report = KerasWeights.load(file, target);

            assertThat(report.parameters()).isEqualTo(params.size());
            assertThat(report.layers()).isEqualTo(KerasLayerMap.of(target).size());
            assertThat(report.weightNameStyle()).isEqualTo("keras2");
            List<Parameter> sourceParams = KerasLayerMap.parameters(source);
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                float[] now = p.getArray().toFloatArray();
                assertThat(now).as(p.getName() + " changed").isNotEqualTo(before.get(p));
                assertThat(now).as(p.getName() + " as written").isEqualTo(written.get(sourceParams.get(i)));
            }
            assertThat(WeightTesting.features(target, m, WeightTesting.SIZE)).isEqualTo(expected);
        }
    }
}
