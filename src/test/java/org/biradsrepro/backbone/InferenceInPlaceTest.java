package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.biradsrepro.backbone.NASNetCells.Branch;
import org.biradsrepro.backbone.NASNetCells.Combination;
import org.biradsrepro.backbone.NASNetCells.Op;
import org.biradsrepro.backbone.NASNetCells.Source;
import org.biradsrepro.backbone.NASNetCells.Spec;
import org.biradsrepro.testing.TestEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The frozen pass's in-place forms (sums over a branch's own result, hard activations in fewer arrays, the 'same'
 * average pool without its padded copy, NASNet's ReLU of a source shared by its separable branches) give the bits of
 * the formulas written out here, out of place, from Keras' definitions: on seeded inputs, in a batch of 8 and of 1.
 * {@code float[]} equality is bit equality but for NaN payloads (Float.floatToIntBits). Each reference is shown to be
 * sensitive: the same formula in another order of rounding gives other bits on the same inputs. Training mode keeps
 * its out-of-place form; its output is checked against the same references with gradients recorded.
 */
class InferenceInPlaceTest {

    private static final long SEED = 20_261_206L;

    @BeforeAll
    static void engine() {
        TestEngine.started();
    }

    // ---- hard sigmoid, hard swish, rescaling

    /** Keras' {@code ReLU(6)}: {@code min(max(x, 0), 6)}, a NaN staying a NaN. */
    private static float relu6(float x) {
        return Math.min(Math.max(x, 0f), 6f);
    }

    private static float hardSigmoid(float x) {
        return relu6(x + 3f) * (1f / 6f);
    }

    private static float hardSwish(float x) {
        return x * (relu6(x + 3f) / 6f);
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {8, 1})
    void hardSigmoidAndHardSwishInInferenceAreTheKerasFormulasBits(int batch) {
        float[] xs = activationInputs(batch * 16 * 7 * 7, batch);
        Shape shape = new Shape(batch, 16, 7, 7);
        float[] sigmoid = map(xs, InferenceInPlaceTest::hardSigmoid);
        float[] swish = map(xs, InferenceInPlaceTest::hardSwish);
        assertThat(inference(KerasLayers.hardSigmoid(), xs, shape)).isEqualTo(sigmoid);
        assertThat(inference(KerasLayers.hardSwish(), xs, shape)).isEqualTo(swish);
        assertThat(training(KerasLayers::hardSigmoid, xs, shape)).isEqualTo(sigmoid);
        assertThat(training(KerasLayers::hardSwish, xs, shape)).isEqualTo(swish);
        // Sensitivity: dividing by 6 rather than multiplying by 1/6, or dividing the product, rounds otherwise.
        assertThat(map(xs, x -> relu6(x + 3f) / 6f)).isNotEqualTo(sigmoid);
        assertThat(map(xs, x -> x * relu6(x + 3f) / 6f)).isNotEqualTo(swish);
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {8, 1})
    void rescalingInInferenceIsTheKerasFormulasBits(int batch) {
        SplittableRandom random = new SplittableRandom(SEED + batch);
        float[] xs = new float[batch * 3 * 9 * 9];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = random.nextInt(256) + (i % 7 == 0 ? (float) random.nextDouble() : 0f);
        }
        Shape shape = new Shape(batch, 3, 9, 9);
        float scale = 1f / 127.5f;
        float[] expected = map(xs, x -> x * scale + -1f);
        assertThat(inference(KerasLayers.rescaling(scale, -1f), xs, shape)).isEqualTo(expected);
        assertThat(training(() -> KerasLayers.rescaling(scale, -1f), xs, shape)).isEqualTo(expected);
        assertThat(map(xs, x -> (x - 127.5f) * scale)).isNotEqualTo(expected);
    }

    /**
     * Seeded values over the hard activations' whole range (most within the kinks at -3 and 3, some far out), and the
     * edge cases: signed zeros, the kinks and 6 exactly, their neighbours, the largest and smallest floats, infinities
     * and NaN.
     */
    private static float[] activationInputs(int n, int batch) {
        float[] special = {0f, -0f, 3f, -3f, 6f, -6f, Math.nextUp(-3f), Math.nextDown(-3f), Math.nextUp(3f),
                Math.nextDown(3f), Float.MIN_VALUE, -Float.MIN_VALUE, 1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00001)};
        SplittableRandom random = new SplittableRandom(SEED + batch);
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i < special.length ? special[i] : (float) (random.nextGaussian() * (i % 5 == 0 ? 40 : 4));
        }
        return xs;
    }

    private static float[] inference(Block block, float[] xs, Shape shape) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.create(xs, shape);
            float[] y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            assertThat(x.toFloatArray()).as("the input, after the block").isEqualTo(xs);
            return y;
        }
    }

    /** The block's training-mode output with gradients recorded; the backward pass runs. */
    private static float[] training(Supplier<Block> block, float[] xs, Shape shape) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = block.get();
            b.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.create(xs, shape);
            x.setRequiresGradient(true);
            float[] y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = b.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                y = out.toFloatArray();
                gc.backward(out.sum());
            }
            assertThat(x.getGradient().getShape()).isEqualTo(shape);
            return y;
        }
    }

    // ---- residual sums

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {8, 1})
    void residualSumsInInferenceAreTheKerasFormulasBits(int batch) {
        Shape shape = new Shape(batch, 8, 6, 6);
        float[] xs = gaussian(shape, SEED + batch);
        for (boolean projection : new boolean[] {false, true}) {
            for (boolean relu : new boolean[] {true, false}) {
                if (projection && !relu) {
                    continue; // Residual.linear has no shortcut
                }
                for (boolean train : new boolean[] {false, true}) {
                    try (NDManager m = NDManager.newBaseManager()) {
                        Block main = convBn(8);
                        Block shortcut = projection ? convBn(8) : null;
                        Block residual = relu ? new Residual(main, shortcut) : Residual.linear(main);
                        Engine.getInstance().setRandomSeed(3);
                        residual.initialize(m, DataType.FLOAT32, shape);
                        NDArray x = m.create(xs, shape);
                        ParameterStore ps = new ParameterStore(m, false);
                        float[] mainOut = main.forward(ps, new NDList(x), train).singletonOrThrow().toFloatArray();
                        float[] shortcutOut = projection
                                ? shortcut.forward(ps, new NDList(x), train).singletonOrThrow().toFloatArray() : xs;
                        float[] expected = new float[xs.length];
                        for (int i = 0; i < xs.length; i++) {
                            float sum = mainOut[i] + shortcutOut[i];
                            expected[i] = relu ? Math.max(sum, 0f) : sum;
                        }
                        String what = (projection ? "projection" : "identity") + (relu ? " + relu" : "")
                                + (train ? ", training" : ", inference");
                        assertThat(train ? recordingGradients(residual, x) : forward(residual, x, false)).as(what)
                                .isEqualTo(expected);
                        assertThat(x.toFloatArray()).as(what + ": the input, after the block").isEqualTo(xs);
                    }
                }
            }
        }
    }

    /** A main branch that returns its input: the sum is a new array, the caller's input left as it was. */
    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {8, 1})
    void aMainBranchThatPassesItsInputOnIsNotWrittenOver(int batch) {
        Shape shape = new Shape(batch, 4, 5, 5);
        float[] xs = gaussian(shape, SEED + batch);
        for (boolean projection : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block identity = new LambdaBlock(l -> l, "identity");
                Block shortcut = convBn(4);
                Block residual = projection ? new Residual(identity, shortcut) : Residual.linear(identity);
                residual.initialize(m, DataType.FLOAT32, shape);
                NDArray x = m.create(xs, shape);
                float[] s = projection ? forward(shortcut, x, false) : xs;
                float[] expected = new float[xs.length];
                for (int i = 0; i < xs.length; i++) {
                    expected[i] = projection ? Math.max(xs[i] + s[i], 0f) : xs[i] + s[i];
                }
                assertThat(forward(residual, x, false)).isEqualTo(expected);
                assertThat(x.toFloatArray()).isEqualTo(xs);
            }
        }
    }

    private static Block convBn(int filters) {
        return new Chain().add("conv", KerasLayers.conv(filters, 3, 1, 1, 1, true))
                .add("bn", KerasLayers.batchNorm(1e-3f, 0.99f));
    }

    // ---- TensorFlow's 'same' average pool

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {8, 1})
    void sameAveragePoolWithoutThePaddedCopyIsTheSameBits(int batch) {
        int[][] cases = { // kernel, stride, height, width
                {3, 1, 7, 7}, {3, 1, 8, 8}, {3, 1, 7, 8}, {3, 1, 1, 2}, {3, 1, 17, 17}, {3, 1, 42, 42},
                {3, 2, 7, 9}, {5, 1, 6, 9}, {3, 2, 8, 8}};
        for (int[] c : cases) {
            Shape shape = new Shape(batch, 5, c[2], c[3]);
            float[] xs = gaussian(shape, SEED + batch + c[2]);
            String what = c[0] + "x" + c[0] + " stride " + c[1] + " on " + c[2] + "x" + c[3];
            float[] expected = sameAveragePool(xs, shape, c[0], c[1]);
            assertThat(forward(new SameAveragePool(c[0], c[1]), xs, shape, false)).as(what).isEqualTo(expected);
            assertThat(forward(new SameAveragePool(c[0], c[1]), xs, shape, true)).as(what + ", training")
                    .isEqualTo(expected);
        }
        // Sensitivity: the plain mean, sum / inside, rounds otherwise than (sum / k^2) / (inside / k^2) somewhere.
        Shape shape = new Shape(batch, 5, 7, 7);
        float[] xs = gaussian(shape, SEED + batch + 7);
        float[] plain = sameAveragePool(xs, shape, 3, 1, true);
        assertThat(plain).isNotEqualTo(sameAveragePool(xs, shape, 3, 1));
    }

    /** Infinities, NaN and signed zeros at corners, edges and inside: the same bits, NaN payloads included. */
    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {8, 1})
    void sameAveragePoolEdgeValuesAreTheSameRawBits(int batch) {
        Shape shape = new Shape(batch, 2, 6, 7);
        float[] xs = gaussian(shape, SEED + batch);
        float[] special = {Float.NaN, Float.intBitsToFloat(0xffc00001), Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, -0f, 0f, Float.MAX_VALUE, -Float.MAX_VALUE};
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < xs.length / 8; i++) {
            xs[random.nextInt(xs.length)] = special[i % special.length];
        }
        for (int i = 0; i < xs.length; i += 21) {
            xs[i] = -0f; // whole windows of negative zeros somewhere
        }
        int[] inference = rawBits(forward(new SameAveragePool(3, 1), xs, shape, false));
        int[] padded = rawBits(forward(new SameAveragePool(3, 1), xs, shape, true));
        assertThat(inference).isEqualTo(padded);
    }

    /**
     * TensorFlow's 'same' average pool as this project computes it: the cells of each window inside the image summed
     * row by row from +0, divided by k^2, over the count of those cells divided by k^2 ({@code plainMean}: sum /
     * count instead).
     */
    private static float[] sameAveragePool(float[] xs, Shape shape, int k, int stride, boolean plainMean) {
        int n = (int) shape.get(0) * (int) shape.get(1);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        int[] rows = Padding.sameSplit(h, k, stride);
        int[] cols = Padding.sameSplit(w, k, stride);
        int oh = (h + stride - 1) / stride;
        int ow = (w + stride - 1) / stride;
        float[] out = new float[n * oh * ow];
        float area = k * k;
        for (int plane = 0; plane < n; plane++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    float sum = 0f;
                    int inside = 0;
                    for (int i = r * stride - rows[0]; i < r * stride - rows[0] + k; i++) {
                        for (int j = c * stride - cols[0]; j < c * stride - cols[0] + k; j++) {
                            if (i >= 0 && i < h && j >= 0 && j < w) {
                                sum += xs[(plane * h + i) * w + j];
                                inside++;
                            }
                        }
                    }
                    out[(plane * oh + r) * ow + c] = plainMean ? sum / inside : (sum / area) / (inside / area);
                }
            }
        }
        return out;
    }

    private static float[] sameAveragePool(float[] xs, Shape shape, int k, int stride) {
        return sameAveragePool(xs, shape, k, stride, false);
    }

    // ---- NASNet cells

    /**
     * A normal cell whose {@code p} is projected and a reduction cell whose {@code p} is reduced, at an even and an odd
     * size: in inference (one ReLU of each source for its separable branches, sums over a branch's own result) the
     * bits of Keras' cell, each branch run whole and each combination the sum of two; in training too.
     */
    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {8, 1})
    void nasnetCellsInInferenceAreTheKerasCellsBits(int batch) {
        for (int size : new int[] {10, 9}) {
            for (Spec spec : List.of(NASNetCells.NORMAL, NASNetCells.REDUCTION)) {
                boolean normal = spec == NASNetCells.NORMAL;
                int filters = 8;
                NASNetCells.Level xLevel = new NASNetCells.Level(24, 1);
                NASNetCells.Level pLevel = normal ? new NASNetCells.Level(16, 1) : new NASNetCells.Level(16, 0);
                Shape xShape = new Shape(batch, 24, size, size);
                int pSize = normal ? size : 2 * size;
                Shape pShape = new Shape(batch, 16, pSize, pSize);
                float[] xs = gaussian(xShape, SEED + size);
                float[] ps = gaussian(pShape, SEED + size + 1);
                for (boolean train : new boolean[] {false, true}) {
                    String what = spec.kind() + " cell, " + size + " px, " + (train ? "training" : "inference");
                    try (NDManager m = NDManager.newBaseManager()) {
                        NASNetCells.Cell cell = new NASNetCells.Cell(spec, "7", filters,
                                NASNetCells.adjust("7", filters, xLevel, pLevel), false);
                        Engine.getInstance().setRandomSeed(5);
                        cell.initialize(m, DataType.FLOAT32, xShape, pShape);
                        NDArray x = m.create(xs, xShape);
                        NDArray p = m.create(ps, pShape);
                        float[] expected = kerasCell(cell, spec, "7", x, p, train);
                        NDList out;
                        if (train) {
                            x.setRequiresGradient(true);
                            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                                out = cell.forward(new ParameterStore(m, false), new NDList(x, p), true);
                                gc.backward(out.head().sum());
                            }
                            assertThat(x.getGradient().abs().sum().getFloat()).as(what + ": gradient").isPositive();
                        } else {
                            out = cell.forward(new ParameterStore(m, false), new NDList(x, p), false);
                        }
                        assertThat(out.head().toFloatArray()).as(what).isEqualTo(expected);
                        assertThat(out.get(1)).as(what + ": passes x on").isSameAs(x);
                        assertThat(x.toFloatArray()).as(what + ": x, after the cell").isEqualTo(xs);
                        assertThat(p.toFloatArray()).as(what + ": p, after the cell").isEqualTo(ps);
                    }
                }
            }
        }
    }

    /**
     * Keras' cell from the cell's own child blocks, each run whole (every separable block with its own ReLU) and out
     * of place: {@code p} adjusted, {@code h}, each combination {@code left + right}, the output concatenated. So this
     * checks the cell's wiring, the shared ReLUs and the sums; the branch blocks are the cell's own, the average
     * pool among them checked on its own above.
     */
    private static float[] kerasCell(NASNetCells.Cell cell, Spec spec, String id, NDArray x, NDArray p,
                                     boolean training) {
        String kind = spec.kind();
        Map<String, Block> children = new HashMap<>();
        cell.getChildren().forEach(c -> children.put(c.getKey().substring(2), c.getValue()));
        ParameterStore ps = new ParameterStore(x.getManager(), false);
        Map<Source, NDArray> values = new EnumMap<>(Source.class);
        Block adjust = children.get("adjust_block_" + id);
        values.put(Source.P, adjust == null ? p : run(adjust, ps, p, training));
        values.put(Source.H, run(children.get(kind + "_h_" + id), ps, x, training));
        Block pad = children.get(kind + "_pad_1_" + id);
        if (pad != null) {
            values.put(Source.H_PADDED, run(pad, ps, values.get(Source.H), training));
        }
        for (int i = 0; i < spec.combinations().size(); i++) {
            Combination c = spec.combinations().get(i);
            float[] left = kerasBranch(c.left(), kind, id, children, values, ps, training).toFloatArray();
            NDArray rightArray = kerasBranch(c.right(), kind, id, children, values, ps, training);
            float[] right = rightArray.toFloatArray();
            float[] sum = new float[left.length];
            for (int j = 0; j < sum.length; j++) {
                sum[j] = left[j] + right[j];
            }
            values.put(Source.combination(i), x.getManager().create(sum, rightArray.getShape()));
        }
        List<NDArray> outputs = new ArrayList<>();
        spec.output().forEach(s -> outputs.add(values.get(s)));
        return NDArrays.concat(new NDList(outputs), 1).toFloatArray();
    }

    private static NDArray kerasBranch(Branch b, String kind, String id, Map<String, Block> children,
                                       Map<Source, NDArray> values, ParameterStore ps, boolean training) {
        NDArray input = values.get(b.input());
        if (b.op() == Op.IDENTITY) {
            return input;
        }
        String name = (b.op().separable() ? "separable_conv_block_" : "") + kind + "_" + b.name() + "_" + id;
        return run(children.get(name), ps, input, training);
    }

    // ---- helpers

    private static NDArray run(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** A training-mode forward pass with gradients recorded and a backward pass run: the output. */
    private static float[] recordingGradients(Block block, NDArray x) {
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = run(block, new ParameterStore(x.getManager(), false), x, true);
            gc.backward(out.sum());
            assertThat(x.getGradient().getShape()).isEqualTo(x.getShape());
            return out.toFloatArray();
        }
    }

    private static float[] forward(Block block, NDArray x, boolean training) {
        return run(block, new ParameterStore(x.getManager(), false), x, training).toFloatArray();
    }

    private static float[] forward(Block block, float[] xs, Shape shape, boolean training) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.create(xs, shape);
            float[] y = forward(block, x, training);
            assertThat(rawBits(x.toFloatArray())).as("the input, after the block").isEqualTo(rawBits(xs));
            return y;
        }
    }

    private static float[] gaussian(Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] xs = new float[(int) shape.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) (random.nextGaussian() * 3);
        }
        return xs;
    }

    private static float[] map(float[] xs, FloatOp f) {
        float[] out = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = f.apply(xs[i]);
        }
        return out;
    }

    private static int[] rawBits(float[] xs) {
        int[] bits = new int[xs.length];
        for (int i = 0; i < xs.length; i++) {
            bits[i] = Float.floatToRawIntBits(xs[i]);
        }
        return bits;
    }

    @FunctionalInterface
    private interface FloatOp {
        float apply(float x);
    }
}
