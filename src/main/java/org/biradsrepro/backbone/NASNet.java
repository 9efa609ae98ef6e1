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
import java.util.ArrayList;
import java.util.List;

/**
 * NASNet-A, as Keras Applications' {@code nasnet.py} builds it (Zoph et al., 2018): a stem convolution, two
 * reduction cells, then three groups of {@code numBlocks} normal cells with a reduction cell between groups.
 *
 * <p>Every cell takes two inputs, the outputs of the previous two cells ({@code x} and {@code p}), and passes on
 * two, so between stages two tensors flow. Keras' choices kept here: BatchNorm epsilon 1e-3, momentum 0.9997;
 * no convolution has a bias; stride-2 separable convolutions pad with {@code correct_pad} (the extra row and
 * column at the bottom and right on even sizes) and then run 'valid'; a reduction cell pads its input once and
 * its 3x3 stride-2 pools run 'valid' over those zeros (so the max pool sees zeros and the average pool counts
 * them); the stride-1 'same' average pools leave the padding out of the mean, as TensorFlow does (see
 * {@link #sameAvgPool}).
 *
 * <p>Layer names are Keras' ({@code normal_conv_1_3}, {@code separable_conv_1_bn_normal_left1_3},
 * {@code adjust_bn_3}; cell ids {@code stem_1}, {@code stem_2}, {@code 0}.., {@code reduce_N}); weightless layers
 * that Keras leaves unnamed get descriptive names.
 *
 * <p>Stages, for freezing: the stem is {@code stem_conv1} + {@code stem_1} + {@code stem_2}; {@code cells_1}
 * holds normal cells 0..N-1; {@code cells_2} the reduction cell {@code reduce_N} and the next N normal cells;
 * {@code cells_3} {@code reduce_2N}, the last N normal cells and the final ReLU, which Keras applies before its
 * pooling. Only {@code cells_3} ends in a single tensor; the stem and the other stages output {@code (x, p)}.
 */
public final class NASNet {

    static final float BN_EPSILON = 1e-3f;
    static final float BN_MOMENTUM = 0.9997f;

    /**
     * The arguments of Keras' {@code NASNet(...)} function; NASNet-A "N @ P" is {@code numBlocks} @
     * {@code penultimateFilters}.
     *
     * @param id registry id of the family
     * @param name the variant's name
     * @param penultimateFilters channels of the last cells' output (with filter multiplier 2); 24 x the base filters
     * @param numBlocks normal cells per group (three groups)
     * @param stemFilters channels of the stem convolution
     * @param skipReduction whether the cell after a reduction cell takes the reduction cell's own {@code p} rather
     *     than its input as its second input (NASNetLarge: yes)
     * @param filterMultiplier width growth per reduction
     * @param defaultSize the input size Keras builds it for
     */
    public record Variant(String id, String name, int penultimateFilters, int numBlocks, int stemFilters,
                          boolean skipReduction, int filterMultiplier, int defaultSize) {
        public Variant {
            if (numBlocks < 1) {
                throw new IllegalArgumentException(name + ": numBlocks must be at least 1: " + numBlocks);
            }
            if (stemFilters < 1 || filterMultiplier < 1) {
                throw new IllegalArgumentException(name + ": stemFilters and filterMultiplier must be positive: "
                        + stemFilters + ", " + filterMultiplier);
            }
            int unit = 24 * filterMultiplier * filterMultiplier;
            if (penultimateFilters < unit || penultimateFilters % unit != 0) {
                throw new IllegalArgumentException(name + ": penultimate filters must be a positive multiple of 24 * "
                        + "filterMultiplier^2 = " + unit + " (Keras' rule): " + penultimateFilters);
            }
        }

        /** Keras' {@code filters}: the width of the first group's cells. */
        public int filters() {
            return penultimateFilters / 24;
        }

        /** Channels of the last normal cell: six branches of {@code filters * multiplier^2}. */
        public int featureWidth() {
            return 6 * filters() * filterMultiplier * filterMultiplier;
        }

        /** The scale knob: fewer cells per group, fewer filters, a narrower stem; everything else kept. */
        public Variant scaled(String scaledName, int blocks, int penultimate, int stem) {
            return new Variant(id, scaledName, penultimate, blocks, stem, skipReduction, filterMultiplier, defaultSize);
        }
    }

    /** NASNetLarge: NASNet-A (6 @ 4032), default input 331. */
    public static final Variant LARGE = new Variant("nasnetlarge", "nasnetlarge", 4032, 6, 96, true, 2, 331);

    /** NASNetMobile: NASNet-A (4 @ 1056), default input 224. */
    public static final Variant MOBILE = new Variant("nasnetmobile", "nasnetmobile", 1056, 4, 32, false, 2, 224);

    /** Fixture-scale NASNetLarge: one normal cell per group, a tenth-ish of the width; skip_reduction kept. */
    public static final Variant LARGE_FIXTURE = LARGE.scaled("nasnetlarge-fixture", 1, 288, 16);

    /** Fixture-scale NASNetMobile: one normal cell per group, narrower. */
    public static final Variant MOBILE_FIXTURE = MOBILE.scaled("nasnetmobile-fixture", 1, 192, 8);

    private NASNet() {}

    public static Backbone build(Variant v) {
        int f = v.filters();
        int m = v.filterMultiplier();
        Builder b = new Builder(v.stemFilters());
        Chain stem = new Chain()
                .add("stem_conv1", conv(v.stemFilters(), 3, 2))
                .add("stem_bn1", bn())
                .add("stem_1", b.reduction("stem_1", f / (m * m), false))
                .add("stem_2", b.reduction("stem_2", f / m, false));
        List<Backbone.Stage> stages = new ArrayList<>();
        int width = f;
        for (int group = 0; group < 3; group++, width *= m) {
            Chain stage = new Chain();
            if (group > 0) {
                String id = "reduce_" + group * v.numBlocks();
                stage.add(id, b.reduction(id, width, v.skipReduction()));
            }
            for (int i = 0; i < v.numBlocks(); i++) {
                // Keras: normal cells 0..N-1, then N+1..2N after reduce_N, then 2N+1..3N after reduce_2N
                String id = Integer.toString(group * v.numBlocks() + i + (group > 0 ? 1 : 0));
                stage.add(id, b.normal(id, width));
            }
            if (group == 2) {
                stage.add("final_relu", new LambdaBlock(l -> new NDList(Activation.relu(l.get(0))), "final_relu"));
            }
            stages.add(new Backbone.Stage("cells_" + (group + 1), stage));
        }
        return new Backbone(v.id(), v.name(), InputScaling.TF, stem, stages, v.featureWidth(), v.defaultSize(), 32,
                Backbone::poolAndDense);
    }

    /**
     * Follows the channels and the resolution level (stride-2 steps since the stem) of {@code x} and {@code p}
     * while the cells are created, because each cell's {@code _adjust_block} branch and its depthwise
     * convolutions' widths depend on them. Keras decides the branch from the actual sizes; the cells check at
     * initialisation that the sizes agree with the decision made here.
     */
    private static final class Builder {
        private record Tensor(int channels, int level) {}

        private Tensor x;
        private Tensor p;

        Builder(int stemChannels) {
            x = new Tensor(stemChannels, 0);
        }

        Block normal(String id, int filters) {
            Adjust adjust = adjust(id, filters);
            NormalCell cell = new NormalCell(id, filters, adjust.channels(), adjust.block(), adjust.mode());
            p = x;
            x = new Tensor(6 * filters, x.level());
            return cell;
        }

        Block reduction(String id, int filters, boolean skipReduction) {
            Adjust adjust = adjust(id, filters);
            ReductionCell cell = new ReductionCell(id, filters, adjust.channels(), adjust.block(),
                    adjust.mode(), skipReduction);
            // Keras: x, p0 = _reduction_a_cell(x, p); p = p if skip_reduction else p0 (p0 being the cell's input)
            p = skipReduction ? p : x;
            x = new Tensor(4 * filters, x.level() + 1);
            return cell;
        }

        /** Keras' {@code _adjust_block(p, ip, filters)}: which branch applies, its block and its output width. */
        private Adjust adjust(String id, int filters) {
            if (p == null) {
                return new Adjust(AdjustMode.NONE, null, x.channels());
            }
            if (p.level() != x.level()) {
                if (p.level() != x.level() - 1 || filters % 2 != 0) {
                    throw new IllegalArgumentException("cell " + id + ": the factorized reduction needs p one level "
                            + "finer than x and an even filter count; got p " + p + ", x " + x + ", filters " + filters);
                }
                return new Adjust(AdjustMode.REDUCE, factorizedReduction(id, p.channels(), filters), filters);
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
    }

    /** Keras' {@code _adjust_block} branches: p as it is, a 1x1 projection, or a factorized reduction. */
    enum AdjustMode { NONE, PROJECT, REDUCE }

    private record Adjust(AdjustMode mode, Block block, int channels) {}

    /**
     * Keras' reduction branch of {@code _adjust_block}: ReLU, then two half-width 1x1 convolutions over the even
     * pixels and, after a shift by one row and column (pad bottom/right, crop top/left), over the odd pixels;
     * concatenated and normalised.
     */
    private static Block factorizedReduction(String id, int in, int filters) {
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
                .add("adjust_concat_" + id, new ChannelConcat(evenPixels, oddPixels))
                .add("adjust_bn_" + id, bn());
    }

    /**
     * Keras' {@code _separable_conv_block}: twice ReLU, separable convolution, BatchNorm; only the first
     * convolution carries the stride, padded with {@code correct_pad} and then 'valid' when it is 2.
     */
    static Block separableBlock(String blockId, int in, int filters, int kernel, int stride) {
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
                .add("depthwise", Conv2d.builder().setFilters(in).optGroups(in)
                        .setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                        .optPadding(new Shape(pad, pad)).optBias(false).build())
                .add("pointwise", conv(out, 1, 1));
    }

    /** A 'valid' convolution without bias, as every NASNet convolution. */
    private static Block conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optBias(false).build();
    }

    private static Block bn() {
        return BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(BN_MOMENTUM).build();
    }

    /** TensorFlow's stride-1 'same' 3x3 average pool, the padding left out of the mean. */
    private static Block sameAvgPool() {
        return new SameAveragePool(3, 1);
    }

    /** A 3x3 stride-2 'valid' pool over the cell's zero-padded input ({@code reduction_pad_1}). */
    private static Block validPool(boolean max) {
        return max ? Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2))
                : Pool.avgPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false, true);
    }

    /** ReLU, 1x1 convolution, BatchNorm on a cell's {@code x} input: Keras' {@code h}. */
    private static Block squeeze(String kind, String id, int filters) {
        return new Chain()
                .add(kind + "_relu_1_" + id, Activation.reluBlock())
                .add(kind + "_conv_1_" + id, conv(filters, 1, 1))
                .add(kind + "_bn_1_" + id, bn());
    }

    /** What the cells share: the two inputs, the adjustment of {@code p} and its check against actual sizes. */
    private abstract static class Cell extends AbstractBlock {
        final String id;
        final Block adjust;
        final AdjustMode mode;

        Cell(String id, Block adjust, AdjustMode mode) {
            this.id = id;
            this.mode = mode;
            this.adjust = adjust == null ? null : addChildBlock("adjust_block_" + id, adjust);
        }

        /** The raw {@code p}: the second input, or {@code x} itself for the first cell (Keras' {@code p=None}). */
        static <T> T rawP(List<T> inputs) {
            return inputs.size() > 1 ? inputs.get(1) : inputs.get(0);
        }

        NDArray adjusted(ParameterStore ps, NDArray p, boolean training) {
            return adjust == null ? p : run(adjust, ps, p, training);
        }

        /** Keras picks the branch from the widths of x and p; fail if the actual sizes disagree with the build. */
        Shape adjustedShape(Shape ip, Shape p) {
            boolean differ = ip.get(3) != p.get(3);
            if (differ != (mode == AdjustMode.REDUCE)) {
                throw new IllegalStateException("cell " + id + ": x is " + ip + " and p is " + p + ", but the cell was "
                        + "built for the adjust branch " + mode + "; the input is too small for NASNet (minimum 32)");
            }
            return adjust == null ? p : out(adjust, p);
        }

        /** Initialises the adjust block, if any, and returns the shape of the adjusted {@code p}. */
        Shape initializeAdjust(NDManager manager, DataType type, Shape... inputShapes) {
            Shape rawP = rawP(List.of(inputShapes));
            Shape p = adjustedShape(inputShapes[0], rawP);
            if (adjust != null) {
                adjust.initialize(manager, type, rawP);
            }
            return p;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return outputShapes(inputShapes[0], rawP(List.of(inputShapes)));
        }

        abstract Shape[] outputShapes(Shape ip, Shape p);

        static NDArray run(Block b, ParameterStore ps, NDArray x, boolean training) {
            return b.forward(ps, new NDList(x), training).singletonOrThrow();
        }

        static Shape out(Block b, Shape in) {
            return b.getOutputShapes(new Shape[] {in})[0];
        }

        static Shape init(Block b, NDManager manager, DataType type, Shape in) {
            b.initialize(manager, type, in);
            return out(b, in);
        }
    }

    /** Keras' {@code _normal_a_cell}: five branch pairs, concatenated with the adjusted {@code p}. */
    static final class NormalCell extends Cell {
        private final int filters;
        private final Block h;
        private final Block left1;
        private final Block right1;
        private final Block left2;
        private final Block right2;
        private final Block left3;
        private final Block left4;
        private final Block right4;
        private final Block left5;

        NormalCell(String id, int filters, int pChannels, Block adjust, AdjustMode mode) {
            super(id, adjust, mode);
            this.filters = filters;
            h = addChildBlock("normal_h_" + id, squeeze("normal", id, filters));
            left1 = addChildBlock("separable_conv_block_normal_left1_" + id,
                    separableBlock("normal_left1_" + id, filters, filters, 5, 1));
            right1 = addChildBlock("separable_conv_block_normal_right1_" + id,
                    separableBlock("normal_right1_" + id, pChannels, filters, 3, 1));
            left2 = addChildBlock("separable_conv_block_normal_left2_" + id,
                    separableBlock("normal_left2_" + id, pChannels, filters, 5, 1));
            right2 = addChildBlock("separable_conv_block_normal_right2_" + id,
                    separableBlock("normal_right2_" + id, pChannels, filters, 3, 1));
            left3 = addChildBlock("normal_left3_" + id, sameAvgPool());
            left4 = addChildBlock("normal_left4_" + id, sameAvgPool());
            right4 = addChildBlock("normal_right4_" + id, sameAvgPool());
            left5 = addChildBlock("separable_conv_block_normal_left5_" + id,
                    separableBlock("normal_left5_" + id, filters, filters, 3, 1));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray ip = inputs.get(0);
            NDArray p = adjusted(ps, rawP(inputs), training);
            NDArray hx = run(h, ps, ip, training);
            NDArray x1 = run(left1, ps, hx, training).add(run(right1, ps, p, training));
            NDArray x2 = run(left2, ps, p, training).add(run(right2, ps, p, training));
            NDArray x3 = run(left3, ps, hx, training).add(p);
            NDArray x4 = run(left4, ps, p, training).add(run(right4, ps, p, training));
            NDArray x5 = run(left5, ps, hx, training).add(hx);
            return new NDList(NDArrays.concat(new NDList(p, x1, x2, x3, x4, x5), 1), ip);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
            Shape ip = inputShapes[0];
            Shape p = initializeAdjust(manager, type, inputShapes);
            Shape hs = init(h, manager, type, ip);
            for (Block b : List.of(left1, left3, left5)) {
                b.initialize(manager, type, hs);
            }
            for (Block b : List.of(right1, left2, right2, left4, right4)) {
                b.initialize(manager, type, p);
            }
        }

        @Override
        Shape[] outputShapes(Shape ip, Shape p) {
            adjustedShape(ip, p);
            return new Shape[] {new Shape(ip.get(0), 6L * filters, ip.get(2), ip.get(3)), ip};
        }
    }

    /** Keras' {@code _reduction_a_cell}: halves the resolution; four branch pairs concatenated. */
    static final class ReductionCell extends Cell {
        private final int filters;
        private final boolean skipReduction;
        private final Block h;
        private final Block pad;
        private final Block left1;
        private final Block right1;
        private final Block left2;
        private final Block right2;
        private final Block left3;
        private final Block right3;
        private final Block left4;
        private final Block left4Separable;
        private final Block right5;

        ReductionCell(String id, int filters, int pChannels, Block adjust, AdjustMode mode,
                      boolean skipReduction) {
            super(id, adjust, mode);
            this.filters = filters;
            this.skipReduction = skipReduction;
            h = addChildBlock("reduction_h_" + id, squeeze("reduction", id, filters));
            pad = addChildBlock("reduction_pad_1_" + id, Padding.correctPad(3));
            left1 = addChildBlock("separable_conv_block_reduction_left1_" + id,
                    separableBlock("reduction_left1_" + id, filters, filters, 5, 2));
            right1 = addChildBlock("separable_conv_block_reduction_right1_" + id,
                    separableBlock("reduction_right1_" + id, pChannels, filters, 7, 2));
            left2 = addChildBlock("reduction_left2_" + id, validPool(true));
            right2 = addChildBlock("separable_conv_block_reduction_right2_" + id,
                    separableBlock("reduction_right2_" + id, pChannels, filters, 7, 2));
            left3 = addChildBlock("reduction_left3_" + id, validPool(false));
            right3 = addChildBlock("separable_conv_block_reduction_right3_" + id,
                    separableBlock("reduction_right3_" + id, pChannels, filters, 5, 2));
            left4 = addChildBlock("reduction_left4_" + id, sameAvgPool());
            // Keras names this separable block reduction_left4 too (its layers: separable_conv_1_reduction_left4_..)
            left4Separable = addChildBlock("separable_conv_block_reduction_left4_" + id,
                    separableBlock("reduction_left4_" + id, filters, filters, 3, 1));
            right5 = addChildBlock("reduction_right5_" + id, validPool(true));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray ip = inputs.get(0);
            NDArray p = adjusted(ps, rawP(inputs), training);
            NDArray hx = run(h, ps, ip, training);
            NDArray h3 = run(pad, ps, hx, training);
            NDArray x1 = run(left1, ps, hx, training).add(run(right1, ps, p, training));
            NDArray x2 = run(left2, ps, h3, training).add(run(right2, ps, p, training));
            NDArray x3 = run(left3, ps, h3, training).add(run(right3, ps, p, training));
            NDArray x4 = run(left4, ps, x1, training).add(x2);
            NDArray x5 = run(left4Separable, ps, x1, training).add(run(right5, ps, h3, training));
            NDArray passOn = skipReduction ? rawP(inputs) : ip;
            return new NDList(NDArrays.concat(new NDList(x2, x3, x4, x5), 1), passOn);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
            Shape ip = inputShapes[0];
            Shape p = initializeAdjust(manager, type, inputShapes);
            Shape hs = init(h, manager, type, ip);
            Shape h3 = init(pad, manager, type, hs);
            Shape x1 = init(left1, manager, type, hs);
            for (Block b : List.of(left2, left3, right5)) {
                b.initialize(manager, type, h3);
            }
            for (Block b : List.of(right1, right2, right3)) {
                b.initialize(manager, type, p);
            }
            left4.initialize(manager, type, x1);
            left4Separable.initialize(manager, type, x1);
        }

        @Override
        Shape[] outputShapes(Shape ip, Shape p) {
            adjustedShape(ip, p);
            Shape x1 = out(left1, out(h, ip));
            return new Shape[] {new Shape(ip.get(0), 4L * filters, x1.get(2), x1.get(3)), skipReduction ? p : ip};
        }
    }

    /** Runs two branches on one input and concatenates their outputs along the channels. */
    private static final class ChannelConcat extends AbstractBlock {
        private final Block first;
        private final Block second;

        ChannelConcat(Block first, Block second) {
            this.first = addChildBlock("path_1", first);
            this.second = addChildBlock("path_2", second);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray a = first.forward(ps, inputs, training).singletonOrThrow();
            NDArray b = second.forward(ps, inputs, training).singletonOrThrow();
            return new NDList(NDArrays.concat(new NDList(a, b), 1));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
            first.initialize(manager, type, inputShapes);
            second.initialize(manager, type, inputShapes);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape a = first.getOutputShapes(inputShapes)[0];
            Shape b = second.getOutputShapes(inputShapes)[0];
            return new Shape[] {new Shape(a.get(0), a.get(1) + b.get(1), a.get(2), a.get(3))};
        }
    }
}
