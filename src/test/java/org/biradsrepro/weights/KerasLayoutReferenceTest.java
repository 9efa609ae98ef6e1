package org.biradsrepro.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.Chain;
import org.biradsrepro.backbone.InputScaling;
import org.biradsrepro.backbone.Padding;
import org.biradsrepro.backbone.UnscaledBatchNorm;
import org.biradsrepro.train.Initialization;
import org.junit.jupiter.api.Test;

/**
 * The independent check of layout and semantics: small files written by h5py in exactly Keras' layout, and
 * outputs computed from them by a numpy statement of TensorFlow's semantics
 * ({@code fixtures/keras-weights/make_keras_layout_files.py}). Loaded through the same loader into DJL layers
 * configured as the backbones configure them (TensorFlow 'same' at stride 2 as {@link Padding#same} then 'valid',
 * {@code correct_pad} as {@link Padding#correctPad}, depthwise as a grouped convolution, separable as NASNet's
 * depthwise + pointwise pair, {@link UnscaledBatchNorm} for {@code scale=False}), the outputs agree within 1e-4
 * relative error (relative to each value, with a floor of 1% of the largest value for values near zero).
 */
class KerasLayoutReferenceTest {

    static final Path DIR = Path.of(System.getProperty("repro.projectDir", "."), "fixtures", "keras-weights");
    static final float EPS = 1e-3f;

    @Test
    void tfKerasMobileNetV3NamesKeras2WeightNamesAndSplitLayerNames() throws IOException {
        Path file = DIR.resolve("tfkeras_mobilenetv3_style.h5");
        KerasWeightFile read = KerasWeightFile.read(file);
        assertThat(read.layers()).hasSize(21);
        assertThat(read.layers().get(0).name()).isEqualTo("input_1");
        assertThat(read.layers().get(20).name()).isEqualTo("expanded_conv/project/BatchNorm");
        assertThat(read.weightedLayers()).hasSize(8);
        assertThat(read.weightNameStyle()).isEqualTo("keras2");
        assertThat(read.underModelWeights()).isFalse();

        Backbone mini = mobileNetV3Style();
        JsonObject ref = reference("tfkeras_mobilenetv3_style.h5");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = array(m, ref.getAsJsonObject("input"));
            init(mini, m, x.getShape());
            LoadReport report = KerasWeights.load(file, mini);
            assertThat(report.layers()).isEqualTo(8);
            assertThat(report.renamed()).as("every weighted layer needs the tf.keras renaming rule").isEqualTo(8);
            assertThat(report.pairedByCounter()).isZero();
            NDList out = run(mini.stem(), m, new NDList(x));
            out = run(mini.stages().get(0).block(), m, out);
            assertClose(out.singletonOrThrow(), ref.getAsJsonObject("outputs").getAsJsonObject("features"));
        }
    }

    @Test
    void keras3NamesUnderModelWeightsAndAutomaticNamesCountedFromOne() throws IOException {
        Path file = DIR.resolve("keras3_model_save_style.h5");
        KerasWeightFile read = KerasWeightFile.read(file);
        assertThat(read.underModelWeights()).isTrue();
        assertThat(read.weightNameStyle()).isEqualTo("keras3");
        assertThat(read.kerasVersion()).isEqualTo("3.6.0");

        Backbone mini = keras3Style();
        JsonObject ref = reference("keras3_model_save_style.h5");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = array(m, ref.getAsJsonObject("input"));
            init(mini, m, x.getShape());
            LoadReport report = KerasWeights.load(file, mini);
            assertThat(report.layers()).isEqualTo(7);
            assertThat(report.pairedByCounter()).as("conv2d, conv2d_1, batch_normalization, _1").isEqualTo(4);
            NDList features = run(mini.stages().get(0).block(), m, run(mini.stem(), m, new NDList(x)));
            assertClose(features.singletonOrThrow(), ref.getAsJsonObject("outputs").getAsJsonObject("features"));
            NDList logits = run(mini.stages().get(1).block(), m, features);
            assertClose(logits.singletonOrThrow(), ref.getAsJsonObject("outputs").getAsJsonObject("logits"));
        }
    }

    /** tf.keras MobileNetV3's stem and a stride-2 block with squeeze-excite, under our (Keras 3) names. */
    static Backbone mobileNetV3Style() {
        Chain stem = new Chain()
                .add("conv_pad", Padding.same(3, 2))
                .add("conv", conv(8, 3, 2, 0, 1, false))
                .add("conv_bn", bn())
                .add("conv_hard_swish", lambda(KerasLayoutReferenceTest::hardSwish));
        Chain gate = new Chain()
                .add("expanded_conv_squeeze_excite_avg_pool", lambda(x -> Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1), 1, 1)))
                .add("expanded_conv_squeeze_excite_conv", conv(8, 1, 1, 0, 1, true))
                .add("expanded_conv_squeeze_excite_relu", lambda(Activation::relu))
                .add("expanded_conv_squeeze_excite_conv_1", conv(8, 1, 1, 0, 1, true))
                .add("expanded_conv_squeeze_excite_hard_sigmoid", lambda(KerasLayoutReferenceTest::hardSigmoid));
        Chain block = new Chain()
                .add("expanded_conv_depthwise_pad", Padding.correctPad(3))
                .add("expanded_conv_depthwise", conv(8, 3, 2, 0, 8, false))
                .add("expanded_conv_depthwise_bn", bn())
                .add("expanded_conv_depthwise_relu", lambda(Activation::relu))
                .add("expanded_conv_squeeze_excite", new Gate(gate))
                .add("expanded_conv_project", conv(4, 1, 1, 0, 1, false))
                .add("expanded_conv_project_bn", bn());
        return mini("mobilenetv3-style", stem, List.of(new Backbone.Stage("block", block)));
    }

    /** InceptionV3-style automatic names, a grouped conv (RegNet), NASNet's separable pair, a dense layer. */
    static Backbone keras3Style() {
        Chain stem = new Chain()
                .add("conv2d_pad", Padding.same(3, 2))
                .add("conv2d", conv(6, 3, 2, 0, 1, true))
                .add("batch_normalization", new UnscaledBatchNorm(EPS, 0.99f))
                .add("activation", lambda(Activation::relu))
                .add("conv2d_1", conv(6, 3, 1, 1, 2, false))
                .add("batch_normalization_1", bn())
                .add("activation_1", lambda(Activation::relu));
        Chain separable = new Chain()
                .add("separable_conv_1_x", new Chain()
                        .add("depthwise", conv(6, 3, 1, 1, 6, false))
                        .add("pointwise", conv(5, 1, 1, 0, 1, false)))
                .add("separable_conv_1_bn_x", bn())
                .add("relu", lambda(Activation::relu));
        Chain dense = new Chain()
                .add("global_average_pooling2d", Pool.globalAvgPool2dBlock())
                .add("predictions", Linear.builder().setUnits(3).build());
        return mini("keras3-style", stem, List.of(new Backbone.Stage("separable", separable),
                new Backbone.Stage("dense", dense)));
    }

    private static Backbone mini(String name, Block stem, List<Backbone.Stage> stages) {
        return new Backbone(name, name, InputScaling.NONE, stem, stages, 1, 10, 1, classes -> new Chain());
    }

    static void init(Backbone b, NDManager m, Shape input) {
        Chain whole = new Chain().add("stem", b.stem());
        b.stages().forEach(s -> whole.add(s.name(), s.block()));
        Initialization.initialize(whole, m, input, 5);
    }

    private static Block conv(int filters, int kernel, int stride, int pad, int groups, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optGroups(groups)
                .optBias(bias).build();
    }

    private static Block bn() {
        return BatchNorm.builder().optEpsilon(EPS).optMomentum(0.999f).build();
    }

    private static NDArray hardSigmoid(NDArray x) {
        return Activation.relu6(x.add(3f)).mul(1f / 6f);
    }

    private static NDArray hardSwish(NDArray x) {
        return x.mul(hardSigmoid(x));
    }

    private static Block lambda(java.util.function.UnaryOperator<NDArray> f) {
        return new LambdaBlock(l -> new NDList(f.apply(l.singletonOrThrow())));
    }

    /** {@code x * gate(x)}: squeeze-and-excitation. */
    private static final class Gate extends AbstractBlock {
        private final Block gate;

        Gate(Block gate) {
            this.gate = addChildBlock("gate", gate);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return new NDList(in.singletonOrThrow().mul(gate.forward(ps, in, training).singletonOrThrow()));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType type, Shape... shapes) {
            gate.initialize(manager, type, shapes);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    static NDList run(Block b, NDManager m, NDList x) {
        return b.forward(new ParameterStore(m, false), x, false);
    }

    static JsonObject reference(String file) throws IOException {
        JsonObject all = JsonParser.parseString(Files.readString(DIR.resolve("reference_outputs.json"))).getAsJsonObject();
        return all.getAsJsonObject("files").getAsJsonObject(file);
    }

    static NDArray array(NDManager m, JsonObject a) {
        JsonArray shape = a.getAsJsonArray("shape");
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).getAsLong();
        }
        return m.create(floats(a), new Shape(dims));
    }

    static float[] floats(JsonObject a) {
        JsonArray v = a.getAsJsonArray("values");
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).getAsFloat();
        }
        return out;
    }

    static void assertClose(NDArray actual, JsonObject expected) {
        NDArray e = array(actual.getManager(), expected);
        assertThat(actual.getShape()).isEqualTo(e.getShape());
        float[] a = actual.toFloatArray();
        float[] b = e.toFloatArray();
        double scale = 0;
        for (float f : b) {
            scale = Math.max(scale, Math.abs(f));
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double rel = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 0.01 * scale);
            worst = Math.max(worst, rel);
        }
        assertThat(worst).as("worst relative error over %d values", a.length).isLessThan(1e-4);
    }
}
