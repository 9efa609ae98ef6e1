package org.biradsrepro.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.MobileNetV3;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The renaming rule between tf.keras and Keras 3 names, and Keras' automatic names. */
class KerasNamesTest {

    @TempDir
    Path dir;

    @Test
    void tfKerasMobileNetV3NamesBecomeKeras3Names() {
        assertThat(KerasNames.normalise("Conv")).isEqualTo("conv");
        assertThat(KerasNames.normalise("Conv/BatchNorm")).isEqualTo("conv_bn");
        assertThat(KerasNames.normalise("Conv_1/BatchNorm")).isEqualTo("conv_1_bn");
        assertThat(KerasNames.normalise("expanded_conv/depthwise/BatchNorm")).isEqualTo("expanded_conv_depthwise_bn");
        assertThat(KerasNames.normalise("expanded_conv_1/expand")).isEqualTo("expanded_conv_1_expand");
        assertThat(KerasNames.normalise("expanded_conv_4/squeeze_excite/Conv_1")).isEqualTo("expanded_conv_4_squeeze_excite_conv_1");
        assertThat(KerasNames.normalise("regnety008_Stage_0_YBlock_0_conv_3x3")).isEqualTo("regnety008_stage_0_yblock_0_conv_3x3");
        assertThat(KerasNames.normalise("conv2_block1_1_conv")).isEqualTo("conv2_block1_1_conv");
    }

    @Test
    void automaticNamesSplitIntoClassAndCounter() {
        assertThat(KerasNames.autoName("conv2d")).contains(new KerasNames.AutoName("conv2d", 0));
        assertThat(KerasNames.autoName("conv2d_94")).contains(new KerasNames.AutoName("conv2d", 94));
        assertThat(KerasNames.autoName("batch_normalization_7")).contains(new KerasNames.AutoName("batch_normalization", 7));
        assertThat(KerasNames.autoName("conv1_conv")).isEmpty();
        assertThat(KerasNames.autoName("stem_conv1")).isEmpty();
        assertThat(KerasNames.autoName("conv2d_bn")).isEmpty();
    }

    /**
     * Every weighted layer of the full-size MobileNetV3, named as tf.keras' mobilenet_v3.py names it (written out
     * here from that file's naming code, not from ours), pairs with our layer at the same position, and a file
     * with those names (nested groups and all) loads completely through the renaming rule.
     */
    @ParameterizedTest
    @EnumSource(MobileNetV3.Size.class)
    void aTfKerasMobileNetV3FileLoadsByTheRenamingRule(MobileNetV3.Size size) {
        Backbone b = MobileNetV3.build(MobileNetV3.Variant.of(size));
        try (NDManager m = NDManager.newBaseManager()) {
            WeightTesting.initialise(b, m, 64, 1);
            List<KerasLayer> ours = KerasLayerMap.of(b);
            List<String> tfKeras = tfKerasNames(size);
            assertThat(ours).hasSameSizeAs(tfKeras);
            List<KerasLayer> renamed = new ArrayList<>();
            for (int i = 0; i < ours.size(); i++) {
                assertThat(KerasNames.normalise(tfKeras.get(i))).isEqualTo(ours.get(i).name());
                renamed.add(new KerasLayer(tfKeras.get(i), ours.get(i).kind(), ours.get(i).path(), ours.get(i).slots()));
            }
            Path file = dir.resolve(size + ".h5");
            KerasWeightWriter.write(file, renamed, "tf.keras names");
            KerasWeightFile read = KerasWeightFile.read(file);
            assertThat(read.layers().stream().map(KerasWeightFile.Layer::name)).containsExactlyElementsOf(tfKeras);
            LoadReport report = KerasWeights.load(read, b);
            assertThat(report.renamed()).isEqualTo(ours.size());
            assertThat(report.layers()).isEqualTo(ours.size());
        }
    }

    /** tf.keras (Keras 2.15) mobilenet_v3.py: 'Conv', then per block prefix 'expanded_conv/' or 'expanded_conv_{i}/'. */
    private static List<String> tfKerasNames(MobileNetV3.Size size) {
        List<String> names = new ArrayList<>(List.of("Conv", "Conv/BatchNorm"));
        List<MobileNetV3.BlockSpec> blocks = size.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            String prefix = i == 0 ? "expanded_conv/" : "expanded_conv_" + i + "/";
            if (i > 0) {
                names.add(prefix + "expand");
                names.add(prefix + "expand/BatchNorm");
            }
            names.add(prefix + "depthwise");
            names.add(prefix + "depthwise/BatchNorm");
            if (blocks.get(i).squeezeExcite()) {
                names.add(prefix + "squeeze_excite/Conv");
                names.add(prefix + "squeeze_excite/Conv_1");
            }
            names.add(prefix + "project");
            names.add(prefix + "project/BatchNorm");
        }
        names.add("Conv_1");
        names.add("Conv_1/BatchNorm");
        return names;
    }
}
