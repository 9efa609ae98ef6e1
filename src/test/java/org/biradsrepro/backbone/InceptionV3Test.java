package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inception v3 against Keras Applications. The layer table in {@code fixtures/keras/inceptionv3_layers.json} was
 * traced from Keras' own {@code inception_v3.py} by {@code fixtures/keras/trace_keras_application.py}: names in
 * creation order, parameter counts, configurations, inputs and output shapes at 331, 299, 80 and 75.
 */
class InceptionV3Test {

    private static final Path FIXTURE = Path.of("fixtures", "keras", "inceptionv3_layers.json");
    private static JsonObject keras;
    private static List<JsonObject> kerasLayers;
    /** The full-size network with its 1000-class top, initialised once at 299 for the tests that only read it. */
    private static NDManager manager;
    private static Block full299;

    /** A Keras layer as ported: the DJL block and the name of the child slot it sits in (the position prefix cut). */
    private record Ported(String name, Block block) {}

    @BeforeAll
    static void readFixture() throws IOException {
        keras = JsonParser.parseString(Files.readString(FIXTURE)).getAsJsonObject();
        kerasLayers = new ArrayList<>();
        keras.getAsJsonArray("layers").forEach(e -> kerasLayers.add(e.getAsJsonObject()));
        manager = NDManager.newBaseManager();
        full299 = initialized(InceptionV3.INCEPTION_V3, manager, 299);
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    /**
     * The blocks that port a Keras layer, in post-order: every leaf, and every concatenation after its branches,
     * which is the order in which Keras' functional code creates them. Chains (stem, stages, branches) are ours.
     */
    private static List<Ported> kerasLayersOf(Block root) {
        List<Ported> out = new ArrayList<>();
        collect("", root, out);
        return out;
    }

    private static void collect(String name, Block block, List<Ported> out) {
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getKey().replaceFirst("^\\d+", ""), child.getValue(), out);
        }
        if (block.getChildren().isEmpty() || block instanceof Concatenation) {
            out.add(new Ported(name, block));
        }
    }

    private static Block initialized(InceptionV3.Variant v, NDManager m, int size) {
        Block net = InceptionV3.build(v).withClassifier(1000);
        net.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, size, size));
        return net;
    }

    private static long directParams(Block b) {
        return b.getDirectParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    private static List<Long> hwc(Shape nchw) {
        return nchw.dimension() == 2 ? List.of(nchw.get(1)) : List.of(nchw.get(2), nchw.get(3), nchw.get(1));
    }

    private static List<Long> longs(JsonElement array) {
        List<Long> out = new ArrayList<>();
        array.getAsJsonArray().forEach(e -> out.add(e.getAsLong()));
        return out;
    }

    @Test
    void fullSizeParameterCountWithImagenetTopEqualsKeras() {
        // keras.applications.InceptionV3(weights=None).count_params(): 23,851,784 (moving statistics included)
        assertThat(keras.get("total_params").getAsLong()).isEqualTo(23_851_784L);
        long total = full299.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        assertThat(total).isEqualTo(23_851_784L);
        Backbone b = InceptionV3.build(InceptionV3.INCEPTION_V3);
        assertThat(b.featureWidth()).isEqualTo(2048);
        assertThat(b.defaultInputSize()).isEqualTo(299);
        assertThat(b.minInputSize()).isEqualTo(75);
        assertThat(b.scaling()).isEqualTo(InputScaling.TF);
    }

    @Test
    void everyLayerHasKerasNameInCreationOrderAndKerasParameterCount() {
        List<Ported> ported = kerasLayersOf(full299);
        assertThat(ported).extracting(Ported::name)
                .containsExactlyElementsOf(kerasLayers.stream().map(l -> l.get("name").getAsString()).toList());
        for (int i = 0; i < ported.size(); i++) {
            assertThat(directParams(ported.get(i).block())).as(ported.get(i).name())
                    .isEqualTo(kerasLayers.get(i).get("params").getAsLong());
        }
    }

    @Test
    void firstLayersCarryKerasAutomaticNames() {
        Backbone b = InceptionV3.build(InceptionV3.INCEPTION_V3);
        assertThat(b.stem().getChildren().keys()).startsWith("01conv2d", "02batch_normalization", "03activation",
                "04conv2d_1", "05batch_normalization_1", "06activation_1", "07conv2d_2", "08batch_normalization_2",
                "09activation_2", "10max_pooling2d", "11conv2d_3");
        assertThat(b.stages()).extracting(Backbone.Stage::name)
                .containsExactly("mixed0-2", "mixed3", "mixed4-7", "mixed8", "mixed9-10");
        assertThat(b.stages().get(0).block().getChildren().keys()).containsExactly("01mixed0", "02mixed1", "03mixed2");
    }

    @Test
    void convolutionsBatchNormsAndPoolsHaveKerasConfiguration() {
        List<Ported> ported = kerasLayersOf(full299);
        int convs = 0;
        for (int i = 0; i < ported.size(); i++) {
            Block block = ported.get(i).block();
            String name = ported.get(i).name();
            JsonObject config = kerasLayers.get(i).getAsJsonObject("config");
            switch (kerasLayers.get(i).get("class").getAsString()) {
                case "Conv2D" -> {
                    convs++;
                    assertThat(block).as(name).isInstanceOf(Conv2d.class);
                    Conv2d conv = (Conv2d) block;
                    List<Long> kernel = longs(config.get("kernel"));
                    assertThat(conv.getFilters()).as(name).isEqualTo(config.get("filters").getAsInt());
                    assertThat(List.of(conv.getKernelShape().get(0), conv.getKernelShape().get(1))).as(name).isEqualTo(kernel);
                    assertThat(List.of(conv.getStride().get(0), conv.getStride().get(1))).as(name)
                            .isEqualTo(longs(config.get("strides")));
                    assertThat(conv.isIncludeBias()).as(name).isEqualTo(config.get("use_bias").getAsBoolean());
                    // 'same' at stride 1 with an odd kernel is k/2 on each side; 'valid' is none.
                    boolean same = config.get("padding").getAsString().equals("same");
                    assertThat(conv.getPadding()).as(name)
                            .isEqualTo(same ? new Shape(kernel.get(0) / 2, kernel.get(1) / 2) : new Shape(0, 0));
                }
                case "BatchNormalization" -> {
                    assertThat(config.get("scale").getAsBoolean()).as(name).isFalse();
                    assertThat(config.get("center").getAsBoolean()).as(name).isTrue();
                    assertThat(block).as(name).isInstanceOf(UnscaledBatchNorm.class);
                    UnscaledBatchNorm bn = (UnscaledBatchNorm) block;
                    assertThat((double) bn.epsilon()).as(name).isEqualTo(config.get("epsilon").getAsDouble(), offset(1e-9));
                    assertThat((double) bn.momentum()).as(name).isEqualTo(config.get("momentum").getAsDouble(), offset(1e-7));
                }
                case "AveragePooling2D" -> {
                    assertThat(config.get("padding").getAsString()).as(name).isEqualTo("same");
                    assertThat(block).as(name).isInstanceOf(SameAveragePool.class);
                }
                case "Dense" -> assertThat(block).as(name).isInstanceOf(Linear.class);
                default -> { }
            }
        }
        assertThat(convs).isEqualTo(94);
    }

    @Test
    void concatenationsJoinTheBranchesInKerasOrder() {
        Map<String, List<String>> kerasInputs = kerasLayers.stream()
                .filter(l -> l.get("class").getAsString().equals("Concatenate"))
                .collect(Collectors.toMap(l -> l.get("name").getAsString(),
                        l -> l.getAsJsonArray("inputs").asList().stream().map(JsonElement::getAsString).toList()));
        Map<String, List<String>> ours = new HashMap<>();
        for (Ported p : kerasLayersOf(InceptionV3.build(InceptionV3.INCEPTION_V3).withClassifier(1000))) {
            if (p.block() instanceof Concatenation) {
                // A branch's output is the last Keras layer in it (branches are chains, so their layers know their names).
                ours.put(p.name(), p.block().getChildren().values().stream()
                        .map(branch -> kerasLayersOf(branch).get(kerasLayersOf(branch).size() - 1).name())
                        .toList());
            }
        }
        assertThat(kerasInputs).hasSize(15);
        assertThat(ours).isEqualTo(kerasInputs);
    }

    /** Per layer at 299 (the shared network) and at the two smallest sizes; 331 is checked stage by stage below. */
    @ParameterizedTest(name = "input {0}x{0}")
    @ValueSource(ints = {299, 80, 75})
    void everyLayerOutputShapeEqualsKeras(int size) {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Ported> ported = kerasLayersOf(size == 299 ? full299 : initialized(InceptionV3.INCEPTION_V3, m, size));
            for (int i = 0; i < ported.size(); i++) {
                Block block = ported.get(i).block();
                Shape out = block.getOutputShapes(block.getInputShapes())[0];
                assertThat(hwc(out)).as(ported.get(i).name() + " at " + size)
                        .isEqualTo(longs(kerasLayers.get(i).getAsJsonObject("shapes").get(Integer.toString(size))));
            }
        }
    }

    @ParameterizedTest(name = "input {0}x{0}: grids {1}, {2}, {3}")
    @CsvSource({"331, 39, 19, 9", "299, 35, 17, 8", "80, 7, 3, 1", "75, 7, 3, 1"})
    void stageOutputShapes(int size, int grid35, int grid17, int grid8) {
        Backbone b = InceptionV3.build(InceptionV3.INCEPTION_V3);
        Shape[] shape = b.stem().getOutputShapes(new Shape[] {new Shape(2, 3, size, size)});
        assertThat(shape[0]).isEqualTo(new Shape(2, 192, grid35, grid35));
        List<Shape> expected = List.of(new Shape(2, 288, grid35, grid35), new Shape(2, 768, grid17, grid17),
                new Shape(2, 768, grid17, grid17), new Shape(2, 1280, grid8, grid8), new Shape(2, 2048, grid8, grid8));
        for (int i = 0; i < b.stages().size(); i++) {
            shape = b.stages().get(i).block().getOutputShapes(shape);
            assertThat(shape[0]).as(b.stages().get(i).name()).isEqualTo(expected.get(i));
        }
    }

    @Test
    void scaleKnobDividesEveryWidthAndKeepsTheNames() {
        InceptionV3.Variant v = InceptionV3.INCEPTION_V3_FIXTURE;
        assertThat(v.featureWidth()).isEqualTo(40 + 4 * 48 + 24);
        try (NDManager m = NDManager.newBaseManager()) {
            List<Ported> small = kerasLayersOf(initialized(InceptionV3.INCEPTION_V3_FIXTURE, m, 80));
            assertThat(small).extracting(Ported::name)
                    .containsExactlyElementsOf(kerasLayers.stream().map(l -> l.get("name").getAsString()).toList());
            for (int i = 0; i < small.size(); i++) {
                if (small.get(i).block() instanceof Conv2d conv) {
                    int kerasFilters = kerasLayers.get(i).getAsJsonObject("config").get("filters").getAsInt();
                    assertThat(conv.getFilters()).as(small.get(i).name()).isEqualTo(kerasFilters / 8);
                }
            }
        }
        assertThatThrownBy(() -> new InceptionV3.Variant("x", 0)).hasMessageContaining("width divisor must be at least 1: 0");
    }

    @Test
    void kerasNamesCountPerKindFromABareFirstName() {
        InceptionV3.KerasNames names = new InceptionV3.KerasNames();
        assertThat(List.of(names.next("conv2d"), names.next("activation"), names.next("conv2d"), names.next("conv2d")))
                .containsExactly("conv2d", "activation", "conv2d_1", "conv2d_2");
    }

    @Test
    void batchNormWithoutScaleHasOffsetAndMovingStatisticsOnly() {
        UnscaledBatchNorm bn = new UnscaledBatchNorm(1e-3f, 0.99f);
        try (NDManager m = NDManager.newBaseManager()) {
            bn.initialize(m, DataType.FLOAT32, new Shape(2, 3, 4, 4));
            assertThat(bn.getParameters().keys()).containsExactly("beta", "runningMean", "runningVar");
            bn.getParameters().get("beta").getArray().set(new float[] {1, 2, 3});
            bn.getParameters().get("runningMean").getArray().set(new float[] {0.5f, 0, -1});
            bn.getParameters().get("runningVar").getArray().set(new float[] {4, 1, 0.25f});
            NDArray x = m.arange(96f).reshape(2, 3, 4, 4).div(10);
            NDArray y = bn.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            // Keras at inference: (x - moving_mean) / sqrt(moving_var + epsilon) + beta; no gamma.
            float[] in = x.toFloatArray();
            float[] out = y.toFloatArray();
            float[] beta = {1, 2, 3};
            float[] mean = {0.5f, 0, -1};
            float[] var = {4, 1, 0.25f};
            for (int i = 0; i < in.length; i++) {
                int c = (i / 16) % 3;
                assertThat(out[i]).isCloseTo((float) ((in[i] - mean[c]) / Math.sqrt(var[c] + 1e-3) + beta[c]),
                        offset(1e-5f));
            }
        }
        assertThatThrownBy(() -> new UnscaledBatchNorm(1e-3f, 1f)).hasMessageContaining("momentum 1.0");
    }

    @Test
    void averagePoolsLeaveThePaddingOutOfTheMeanAsTensorFlowDoes() {
        Block net = InceptionV3.build(InceptionV3.INCEPTION_V3_FIXTURE).withClassifier(1000);
        Block pool = kerasLayersOf(net).stream().filter(p -> p.name().equals("average_pooling2d")).findFirst()
                .orElseThrow().block();
        try (NDManager m = NDManager.newBaseManager()) {
            pool.initialize(m, DataType.FLOAT32, new Shape(1, 1, 5, 5));
            NDArray out = pool.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(1, 1, 5, 5))), false)
                    .singletonOrThrow();
            // Counting the padded zeros would give 4/9 in the corners and 6/9 along the edges.
            assertThat(out.toFloatArray()).containsOnly(1f).hasSize(25);
        }
    }

    @Test
    void concatenationRejectsBranchesOfDifferentGrids() {
        Concatenation c = new Concatenation()
                .add("same", Pool.maxPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1)))
                .add("valid", Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)));
        assertThatThrownBy(() -> c.getOutputShapes(new Shape[] {new Shape(1, 4, 9, 9)}))
                .hasMessageContaining("branch 02valid").hasMessageContaining("only the channel axis may differ");
    }

    @Test
    void fixtureForwardIsFiniteAndGradientsReachTheTrainableTopButNeverTheFrozenPart() {
        TransferNetwork net = TransferNetwork.of(InceptionV3.build(InceptionV3.INCEPTION_V3_FIXTURE), 1, 6);
        assertThat(net.frozenStages()).containsExactly("mixed0-2", "mixed3", "mixed4-7", "mixed8");
        assertThat(net.trainableStages()).containsExactly("mixed9-10");
        Block whole = net.endToEnd();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            whole.initialize(m, DataType.FLOAT32, new Shape(4, 3, 80, 80));
            net.frozen().freezeParameters(true);
            Function<String, float[]> stat = runningStat(net);
            float[] frozenMeanBefore = stat.apply("frozen").clone();
            float[] topMeanBefore = stat.apply("top").clone();
            NDArray x = m.randomUniform(-1, 1, new Shape(4, 3, 80, 80));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = whole.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                assertThat(out.getShape()).isEqualTo(new Shape(4, 6));
                assertThat(out.isInfinite().any().getBoolean() || out.isNaN().any().getBoolean()).isFalse();
                gc.backward(out.square().sum());
            }
            long withGradient = 0;
            for (var p : net.trainable().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    withGradient++;
                    assertThat(p.getValue().getArray().getGradient().abs().sum().getFloat()).as(p.getKey()).isPositive();
                }
            }
            assertThat(withGradient).isEqualTo(2L * 18 + 2); // mixed9-10: 18 convolutions and 18 betas; head: weight, bias
            for (var p : net.frozen().getParameters()) {
                assertThat(p.getValue().requiresGradient()).as(p.getKey()).isFalse();
                assertThat(p.getValue().getArray().hasGradient()).as(p.getKey()).isFalse();
            }
            // The step ran in training mode: the top's moving statistics moved, the frozen part's did not.
            assertThat(stat.apply("frozen")).isEqualTo(frozenMeanBefore);
            assertThat(stat.apply("top")).isNotEqualTo(topMeanBefore);
        }
    }

    /** The moving mean of the first BatchNorm of the frozen part, or of the trainable top stage. */
    private static Function<String, float[]> runningStat(TransferNetwork net) {
        return part -> (part.equals("frozen") ? net.frozen() : net.trainable()).getParameters().values().stream()
                .filter(p -> p.getName().equals("runningMean")).findFirst().orElseThrow().getArray().toFloatArray();
    }

    @Test
    void registeredUnderItsSettingsId() {
        assertThat(BackboneRegistry.builtIds()).contains("inceptionv3");
        assertThat(BackboneRegistry.build("inceptionv3", false).variant()).isEqualTo("inceptionv3-fixture");
        assertThat(BackboneRegistry.build("inceptionv3", true).variant()).isEqualTo("inceptionv3");
    }

}
