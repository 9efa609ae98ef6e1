package org.biradsrepro.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * NASNet-A's two cells as data, and the one block that builds either from its table (Keras Applications'
 * {@code _normal_a_cell} and {@code _reduction_a_cell}, {@code _adjust_block} and {@code _separable_conv_block}).
 *
 * <p>A cell takes {@link CellInputs} {@code (x, p)}. It brings {@code p} to {@code x}'s resolution and to its own
 * width ({@link Adjust}), squeezes {@code x} into {@code h} (ReLU, 1x1 convolution, BatchNorm), then computes five
 * combinations, each the sum of two branches, each branch one operation on one source: {@code h}, {@code h}
 * zero-padded, the adjusted {@code p} or an earlier combination. It concatenates some of them and passes on
 * {@code (output, x)}; a reduction cell of a {@code skip_reduction} network passes on its own {@code p} instead.
 *
 * <p>Keras' choices kept here: BatchNorm epsilon 1e-3, momentum 0.9997; no convolution has a bias; stride-2
 * separable convolutions pad with {@code correct_pad} (the extra row and column at the bottom and right on even
 * sizes) and then run 'valid'; a reduction cell pads {@code h} once and its 3x3 stride-2 pools run 'valid' over
 * those zeros (so the max pool sees zeros and the average pool counts them); the stride-1 'same' average pools
 * leave the padding out of the mean, as TensorFlow does ({@link SameAveragePool}).
 *
 * <p>Layer names are Keras', derived from the table: {@code separable_conv_block_<kind>_<branch>_<cell>} around
 * {@code separable_conv_1_<kind>_<branch>_<cell>} .., pools {@code <kind>_<branch>_<cell>}; so the reduction cell's
 * average pool and separable convolution that Keras both calls {@code left4} keep that name.
 */
final class NASNetCells {

    static final float BN_EPSILON = 1e-3f;
    static final float BN_MOMENTUM = 0.9997f;

    private NASNetCells() {}

    /** What a branch does to its source. */
    enum Op {
        SEPARABLE_3X3(3), SEPARABLE_5X5(5), SEPARABLE_7X7(7), AVG_POOL_3X3(3), MAX_POOL_3X3(3), IDENTITY(1);

        final int kernel;

        Op(int kernel) {
            this.kernel = kernel;
        }

        boolean separable() {
            return this == SEPARABLE_3X3 || this == SEPARABLE_5X5 || this == SEPARABLE_7X7;
        }
    }

    /** What a branch reads: the squeezed {@code x}, the same zero-padded, the adjusted {@code p}, or combination 1..5. */
    enum Source { H, H_PADDED, P, X1, X2, X3, X4, X5;

        static Source combination(int i) {
            return values()[X1.ordinal() + i];
        }

        /** Channels of this source in a cell {@code filters} wide whose adjusted {@code p} has {@code pChannels}. */
        int channels(int filters, int pChannels) {
            return this == P ? pChannels : filters;
        }
    }

    /** One operation on one source; {@code name} is Keras' ({@code left1}, {@code right4}, ..); none for identity. */
    record Branch(String name, Op op, Source input, int stride) {}

    /** Keras' {@code x_i = add([left, right])}. */
    record Combination(Branch left, Branch right) {}

    /**
     * A cell type: its Keras name ({@code normal}, {@code reduction}), its combinations in Keras' order, and the
     * sources its output concatenates.
     */
    record Spec(String kind, List<Combination> combinations, List<Source> output) {
        Spec {
            combinations = List.copyOf(combinations);
            output = List.copyOf(output);
        }

        boolean padsH() {
            return branches().stream().anyMatch(b -> b.input() == Source.H_PADDED);
        }

        List<Branch> branches() {
            return combinations.stream().flatMap(c -> Stream.of(c.left(), c.right())).toList();
        }
    }

    private static Branch op(String name, Op op, Source input, int stride) {
        return new Branch(name, op, input, stride);
    }

    private static Branch identity(Source input) {
        return new Branch(null, Op.IDENTITY, input, 1);
    }

    private static Combination add(Branch left, Branch right) {
        return new Combination(left, right);
    }

    /** Keras' {@code _normal_a_cell}: keeps the resolution; output [p, x1..x5], 6 x filters wide. */
    static final Spec NORMAL = new Spec("normal", List.of(
            add(op("left1", Op.SEPARABLE_5X5, Source.H, 1), op("right1", Op.SEPARABLE_3X3, Source.P, 1)),
            add(op("left2", Op.SEPARABLE_5X5, Source.P, 1), op("right2", Op.SEPARABLE_3X3, Source.P, 1)),
            add(op("left3", Op.AVG_POOL_3X3, Source.H, 1), identity(Source.P)),
            add(op("left4", Op.AVG_POOL_3X3, Source.P, 1), op("right4", Op.AVG_POOL_3X3, Source.P, 1)),
            add(op("left5", Op.SEPARABLE_3X3, Source.H, 1), identity(Source.H))),
            List.of(Source.P, Source.X1, Source.X2, Source.X3, Source.X4, Source.X5));

    /** Keras' {@code _reduction_a_cell}: halves the resolution; output [x2..x5], 4 x filters wide. */
    static final Spec REDUCTION = new Spec("reduction", List.of(
            add(op("left1", Op.SEPARABLE_5X5, Source.H, 2), op("right1", Op.SEPARABLE_7X7, Source.P, 2)),
            add(op("left2", Op.MAX_POOL_3X3, Source.H_PADDED, 2), op("right2", Op.SEPARABLE_7X7, Source.P, 2)),
            add(op("left3", Op.AVG_POOL_3X3, Source.H_PADDED, 2), op("right3", Op.SEPARABLE_5X5, Source.P, 2)),
            add(op("left4", Op.AVG_POOL_3X3, Source.X1, 1), identity(Source.X2)),
            add(op("left4", Op.SEPARABLE_3X3, Source.X1, 1), op("right5", Op.MAX_POOL_3X3, Source.H_PADDED, 2))),
            List.of(Source.X2, Source.X3, Source.X4, Source.X5));

    /**
     * Keras' {@code _adjust_block} branches: {@code p} as it is (also when there is none: {@code p = x}), a 1x1
     * projection to the cell's width, or a factorized reduction when {@code p} is one resolution level finer.
     */
    enum AdjustMode { NONE, PROJECT, REDUCE }

    /** The adjust branch a cell uses, its block (none for {@code NONE}) and the channels of the adjusted {@code p}. */
    record Adjust(AdjustMode mode, Block block, int channels) {}

    /** A feature map while the network is being built: channels and stride-2 steps since the stem. */
    record Level(int channels, int level) {}

    /**
     * Keras' {@code _adjust_block(p, ip, filters)}, decided from the sizes the builder follows; {@code p} is null
     * for the first cell. Keras decides from the actual sizes; the cell checks at initialisation that they agree.
     */
    static Adjust adjust(String id, int filters, Level x, Level p) {
        if (p == null) {
            return new Adjust(AdjustMode.NONE, null, x.channels());
        }
        if (p.level() != x.level()) {
            if (p.level() != x.level() - 1 || filters % 2 != 0) {
                throw new IllegalArgumentException("cell " + id + ": the factorized reduction needs p one level "
                        + "finer than x and an even filter count; got p " + p + ", x " + x + ", filters " + filters);
            }
            return new Adjust(AdjustMode.REDUCE, factorizedReduction(id, filters), filters);
        }
        if (p.channels() != filters) {
            Block projection = new Chain()
                    .add("adjust_relu_projection_" + id, Activation.reluBlock())
                    .add("adjust_conv_projection_" + id, conv(filters, 1, 1))
                    .add("adjust_bn_" + id, bn());
            return new Adjust(AdjustMode.PROJECT, projection, filters);
        }
        return new Adjust(AdjustMode.NONE, null, p.channels());
    }

    /**
     * Keras' reduction branch of {@code _adjust_block}: ReLU, then two half-width 1x1 convolutions over the even
     * pixels and, after a shift by one row and column (pad bottom/right, crop top/left), over the odd pixels;
     * concatenated and normalised.
     */
    private static Block factorizedReduction(String id, int filters) {
        Block evenPixels = new Chain()
                .add("adjust_avg_pool_1_" + id, Pool.avgPool2dBlock(new Shape(1, 1), new Shape(2, 2)))
                .add("adjust_conv_1_" + id, conv(filters / 2, 1, 1));
        Block oddPixels = new Chain()
                .add("adjust_pad_2_" + id, Padding.zeros(0, 1, 0, 1))
                .add("adjust_crop_2_" + id, new LambdaBlock(l -> new NDList(l.singletonOrThrow().get(":, :, 1:, 1:")),
                        "adjust_crop_2_" + id))
                .add("adjust_avg_pool_2_" + id, Pool.avgPool2dBlock(new Shape(1, 1), new Shape(2, 2)))
                .add("adjust_conv_2_" + id, conv(filters / 2, 1, 1));
        return new Chain()
                .add("adjust_relu_1_" + id, Activation.reluBlock())
                .add("adjust_concat_" + id, new Concatenation().add("path_1", evenPixels).add("path_2", oddPixels))
                .add("adjust_bn_" + id, bn());
    }

    /**
     * Keras' {@code _separable_conv_block}: twice ReLU, separable convolution, BatchNorm; only the first
     * convolution carries the stride, padded with {@code correct_pad} and then 'valid' when it is 2.
     */
    static Chain separableBlock(String blockId, int in, int filters, int kernel, int stride) {
        Chain c = new Chain().add("separable_relu_1_" + blockId, Activation.reluBlock());
        int pad = kernel / 2;
        if (stride == 2) {
            c.add("separable_conv_1_pad_" + blockId, Padding.correctPad(kernel));
            pad = 0;
        }
        return c.add("separable_conv_1_" + blockId, separableConv(in, filters, kernel, stride, pad))
                .add("separable_conv_1_bn_" + blockId, bn())
                .add("separable_relu_2_" + blockId, Activation.reluBlock())
                .add("separable_conv_2_" + blockId, separableConv(filters, filters, kernel, 1, kernel / 2))
                .add("separable_conv_2_bn_" + blockId, bn());
    }

    /** Keras' {@code SeparableConv2D(use_bias=False)}: its {@code depthwise_kernel} and {@code pointwise_kernel}. */
    private static Block separableConv(int in, int out, int kernel, int stride, int pad) {
        return new Chain()
                .add("depthwise", PaddingSafeConv2d.of(Conv2d.builder().setFilters(in).optGroups(in)
                        .setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                        .optPadding(new Shape(pad, pad)).optBias(false)))
                .add("pointwise", conv(out, 1, 1));
    }

    /** A 'valid' convolution without bias, as every NASNet convolution. */
    static Block conv(int filters, int kernel, int stride) {
        return PaddingSafeConv2d.of(Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optBias(false));
    }

    static Block bn() {
        return BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(BN_MOMENTUM).build();
    }

    /**
     * A branch's block: a separable convolution block, or a 3x3 pool, 'same' at stride 1 (TensorFlow's, the padding
     * left out of the mean) and 'valid' over the cell's zero-padded {@code h} at stride 2.
     */
    private static Block branchBlock(String kind, String cellId, Branch b, int in, int filters) {
        if (b.op().separable()) {
            return separableBlock(kind + "_" + b.name() + "_" + cellId, in, filters, b.op().kernel, b.stride());
        }
        if (b.stride() == 1 && b.op() == Op.AVG_POOL_3X3) {
            return new SameAveragePool(3, 1);
        }
        if (b.stride() == 2 && b.input() == Source.H_PADDED) {
            return b.op() == Op.MAX_POOL_3X3 ? Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2))
                    : Pool.avgPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false, true);
        }
        throw new IllegalArgumentException("no NASNet pool " + b);
    }

    private static String childName(String kind, String cellId, Branch b) {
        return (b.op().separable() ? "separable_conv_block_" : "") + kind + "_" + b.name() + "_" + cellId;
    }

    /** A cell of either kind, built from its {@link Spec}. */
    static final class Cell extends AbstractBlock {
        private final String id;
        private final Spec spec;
        private final AdjustMode mode;
        private final Block adjust;
        private final Block h;
        private final Block pad;
        private final boolean passPrevious;
        /** Every branch with an operation, in Keras' order (which is also the order of the child blocks). */
        private final Map<Branch, Block> branches = new LinkedHashMap<>();

        /**
         * @param passPrevious pass on the cell's own {@code p} rather than {@code x} (Keras' {@code skip_reduction},
         *     applied after a reduction cell)
         */
        Cell(Spec spec, String id, int filters, Adjust adjust, boolean passPrevious) {
            this.id = id;
            this.spec = spec;
            this.mode = adjust.mode();
            this.passPrevious = passPrevious;
            this.adjust = adjust.block() == null ? null : addChildBlock("adjust_block_" + id, adjust.block());
            String kind = spec.kind();
            h = addChildBlock(kind + "_h_" + id, new Chain()
                    .add(kind + "_relu_1_" + id, Activation.reluBlock())
                    .add(kind + "_conv_1_" + id, conv(filters, 1, 1))
                    .add(kind + "_bn_1_" + id, bn()));
            pad = spec.padsH() ? addChildBlock(kind + "_pad_1_" + id, Padding.correctPad(3)) : null;
            for (Branch b : spec.branches()) {
                if (b.op() != Op.IDENTITY) {
                    int in = b.input().channels(filters, adjust.channels());
                    if (branches.put(b, addChildBlock(childName(kind, id, b), branchBlock(kind, id, b, in, filters)))
                            != null) {
                        throw new IllegalArgumentException(kind + " cell: branch listed twice: " + b);
                    }
                }
            }
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            CellInputs<NDArray> in = CellInputs.of(inputs);
            Map<Source, NDArray> values = new EnumMap<>(Source.class);
            values.put(Source.P, adjust == null ? in.previous() : run(adjust, ps, in.previous(), training));
            values.put(Source.H, run(h, ps, in.x(), training));
            if (pad != null) {
                values.put(Source.H_PADDED, run(pad, ps, values.get(Source.H), training));
            }
            Map<Source, NDArray> relus = new EnumMap<>(Source.class);
            for (int i = 0; i < spec.combinations().size(); i++) {
                Combination c = spec.combinations().get(i);
                NDArray left = branch(c.left(), values, relus, ps, training);
                NDArray right = branch(c.right(), values, relus, ps, training);
                // A branch passes on nothing but what it reads from values, so what is not there is its own.
                values.put(Source.combination(i), Sums.add(left, right, values.values(), training));
            }
            NDArray out = NDArrays.concat(new NDList(spec.output().stream().map(values::get).toList()), 1);
            return new NDList(out, passOn(in));
        }

        /**
         * A branch's output. Keras begins each separable block with its own ReLU of the source, so {@code p} is
         * rectified three times a cell; in inference the first separable block of a source rectifies it for all
         * of them ({@code relus}), and each skips its ReLU. Training keeps Keras' graph.
         */
        private NDArray branch(Branch b, Map<Source, NDArray> values, Map<Source, NDArray> relus, ParameterStore ps,
                               boolean training) {
            NDArray input = values.get(b.input());
            if (b.op() == Op.IDENTITY) {
                return input;
            }
            Block block = branches.get(b);
            if (training || !b.op().separable()) {
                return run(block, ps, input, training);
            }
            // separableBlock's first child is that ReLU
            Chain separable = (Chain) block;
            NDArray relu = relus.computeIfAbsent(b.input(),
                    s -> separable.forwardChildren(0, 1, ps, new NDList(input), false).singletonOrThrow());
            return separable.forwardChildren(1, separable.getChildren().size(), ps, new NDList(relu), false)
                    .singletonOrThrow();
        }

        private <T> T passOn(CellInputs<T> in) {
            return passPrevious ? in.previous() : in.x();
        }

        /**
         * Initialises the adjust block, {@code h}, then the branches source by source in {@link Source} order
         * ({@code h}, padded {@code h}, {@code p}, combinations): the order in which the seeded initialiser draws.
         */
        @Override
        protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
            CellInputs<Shape> in = CellInputs.of(List.of(inputShapes));
            Map<Source, Shape> shapes = shapes(in);
            if (adjust != null) {
                adjust.initialize(manager, type, in.previous());
            }
            h.initialize(manager, type, in.x());
            if (pad != null) {
                pad.initialize(manager, type, shapes.get(Source.H));
            }
            for (Source s : Source.values()) {
                branches.forEach((b, block) -> {
                    if (b.input() == s) {
                        block.initialize(manager, type, shapes.get(s));
                    }
                });
            }
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            CellInputs<Shape> in = CellInputs.of(List.of(inputShapes));
            Map<Source, Shape> shapes = shapes(in);
            Shape first = shapes.get(spec.output().get(0));
            long channels = spec.output().stream().mapToLong(s -> shapes.get(s).get(1)).sum();
            return new Shape[] {new Shape(first.get(0), channels, first.get(2), first.get(3)), passOn(in)};
        }

        /** The shape of every source, after checking the adjust branch against the actual sizes. */
        private Map<Source, Shape> shapes(CellInputs<Shape> in) {
            // Keras picks the branch from the sizes of x and p; fail if the actual sizes disagree with the build
            boolean differ = in.x().get(3) != in.previous().get(3);
            if (differ != (mode == AdjustMode.REDUCE)) {
                throw new IllegalStateException("cell " + id + ": x is " + in.x() + " and p is " + in.previous()
                        + ", but the cell was built for the adjust branch " + mode
                        + "; the input is too small for NASNet (minimum 32)");
            }
            Map<Source, Shape> shapes = new EnumMap<>(Source.class);
            shapes.put(Source.P, adjust == null ? in.previous() : out(adjust, in.previous()));
            shapes.put(Source.H, out(h, in.x()));
            if (pad != null) {
                shapes.put(Source.H_PADDED, out(pad, shapes.get(Source.H)));
            }
            for (int i = 0; i < spec.combinations().size(); i++) {
                Branch left = spec.combinations().get(i).left();
                Shape input = shapes.get(left.input());
                shapes.put(Source.combination(i), left.op() == Op.IDENTITY ? input : out(branches.get(left), input));
            }
            return shapes;
        }

        private static NDArray run(Block b, ParameterStore ps, NDArray x, boolean training) {
            return b.forward(ps, new NDList(x), training).singletonOrThrow();
        }

        private static Shape out(Block b, Shape in) {
            return b.getOutputShapes(new Shape[] {in})[0];
        }
    }
}
