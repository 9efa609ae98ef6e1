package org.biradsrepro.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.junit.jupiter.api.Test;

/** Each family's blocks as Keras layers: class, weight order, shapes, biases where Keras has them. */
class KerasLayerMapTest {

    private static Map<String, KerasLayer> layers(Backbone b, NDManager m) {
        WeightTesting.initialise(b, m, 96, 1);
        return KerasLayerMap.of(b).stream().collect(Collectors.toMap(KerasLayer::name, Function.identity(),
                (a, c) -> a, LinkedHashMap::new));
    }

    private static List<String> weights(KerasLayer l) {
        return l.slots().stream().map(KerasLayer.Slot::weight).toList();
    }

    private static List<Shape> shapes(KerasLayer l) {
        return l.slots().stream().map(KerasLayer.Slot::kerasShape).toList();
    }

    @Test
    void resnetConvolutionsCarryBiases() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, KerasLayer> l = layers(BackboneRegistry.build("resnet152", true), m);
            assertThat(l).hasSize(310);
            assertThat(weights(l.get("conv1_conv"))).containsExactly("kernel", "bias");
            assertThat(shapes(l.get("conv1_conv"))).containsExactly(new Shape(7, 7, 3, 64), new Shape(64));
            assertThat(weights(l.get("conv5_block3_3_bn"))).containsExactly("gamma", "beta", "moving_mean", "moving_variance");
            assertThat(l.get("conv4_block36_2_conv").kind()).isEqualTo(KerasLayer.Kind.CONV2D);
        }
    }

    @Test
    void regnetGroupedConvolutionsAreConv2DAndOnlySqueezeExciteHasBiases() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, KerasLayer> l = layers(BackboneRegistry.build("regnet", true), m);
            KerasLayer grouped = l.get("regnety008_Stage_1_YBlock_0_conv_3x3");
            assertThat(grouped.kind()).isEqualTo(KerasLayer.Kind.CONV2D);
            assertThat(shapes(grouped)).containsExactly(new Shape(3, 3, 16, 128)); // group width 16, 8 groups
            assertThat(weights(l.get("regnety008_Stage_1_YBlock_0_squeeze_and_excite_squeeze"))).containsExactly("kernel", "bias");
            assertThat(weights(l.get("regnety008_Stage_1_YBlock_0_squeeze_and_excite_excite"))).containsExactly("kernel", "bias");
            assertThat(weights(l.get("regnety008_stem_conv"))).containsExactly("kernel");
            assertThat(weights(l.get("regnety008_Stage_1_YBlock_0_skip_1x1"))).containsExactly("kernel");
        }
    }

    @Test
    void mobileNetV3DepthwiseConvolutionsAreDepthwiseConv2D() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, KerasLayer> l = layers(BackboneRegistry.build("mobilenetv3", true), m);
            KerasLayer dw = l.get("expanded_conv_3_depthwise");
            assertThat(dw.kind()).isEqualTo(KerasLayer.Kind.DEPTHWISE_CONV2D);
            assertThat(weights(dw)).containsExactly("depthwise_kernel");
            assertThat(shapes(dw)).containsExactly(new Shape(5, 5, 72, 1));
            assertThat(weights(l.get("expanded_conv_3_squeeze_excite_conv"))).containsExactly("kernel", "bias");
            assertThat(l.keySet()).contains("conv", "conv_bn", "expanded_conv_depthwise", "conv_1", "conv_1_bn")
                    .doesNotContain("conv_2");
            assertThat(l.values().stream().filter(x -> x.kind() == KerasLayer.Kind.DEPTHWISE_CONV2D)).hasSize(15);
        }
    }

    @Test
    void nasnetSeparableConvolutionsAndAdjustBlocks() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, KerasLayer> l = layers(BackboneRegistry.build("nasnetmobile", true), m);
            KerasLayer sep = l.get("separable_conv_1_normal_left1_0");
            assertThat(sep.kind()).isEqualTo(KerasLayer.Kind.SEPARABLE_CONV2D);
            assertThat(weights(sep)).containsExactly("depthwise_kernel", "pointwise_kernel");
            assertThat(shapes(sep)).containsExactly(new Shape(5, 5, 44, 1), new Shape(1, 1, 44, 44));
            assertThat(l.keySet()).contains("stem_conv1", "stem_bn1", "adjust_conv_1_stem_2", "adjust_conv_2_stem_2",
                    "adjust_bn_stem_2", "adjust_conv_1_0", "adjust_conv_projection_1", "adjust_bn_1", "reduction_conv_1_reduce_4",
                    "separable_conv_1_reduction_left4_reduce_4");
            assertThat(l.values().stream().filter(x -> x.kind() == KerasLayer.Kind.SEPARABLE_CONV2D)).hasSize(160);
        }
    }

    /**
     * InceptionV3 against the layer table traced from Keras' own inception_v3.py ({@code fixtures/keras/}): the same
     * weighted layers by name (Keras 3's automatic names), the same class, and the same value count per layer.
     */
    @Test
    void inceptionV3MatchesKerasTracedTable() throws IOException {
        Path table = Path.of(System.getProperty("repro.projectDir", "."), "fixtures", "keras", "inceptionv3_layers.json");
        JsonObject json = JsonParser.parseString(Files.readString(table)).getAsJsonObject();
        Map<String, String> expected = new LinkedHashMap<>();
        for (JsonElement e : json.getAsJsonArray("layers")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("params").getAsLong() > 0 && !o.get("class").getAsString().equals("Dense")) {
                boolean noScale = o.getAsJsonObject("config").has("scale") && !o.getAsJsonObject("config").get("scale").getAsBoolean();
                expected.put(o.get("name").getAsString(), o.get("class").getAsString() + (noScale ? "(scale=False)" : "")
                        + " " + o.get("params").getAsLong());
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, String> ours = new LinkedHashMap<>();
            layers(BackboneRegistry.build("inceptionv3", true), m).values()
                    .forEach(l -> ours.put(l.name(), l.kind().kerasClass() + " " + l.size()));
            assertThat(ours).hasSize(188).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }
}
