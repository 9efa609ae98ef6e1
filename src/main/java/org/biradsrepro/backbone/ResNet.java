package org.biradsrepro.backbone;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * ResNet v1 with bottleneck blocks, as Keras Applications' {@code resnet.py} builds it (He et al., 2016).
 *
 * <p>Where it differs from torchvision, it follows Keras: every convolution has a bias; the stride of a
 * down-sampling block sits on its first 1x1 convolution; BatchNorm uses epsilon 1.001e-5 and momentum 0.99
 * (Keras' moving-average decay; DJL uses the same convention). Keras pads explicitly only in the stem
 * ({@code conv1_pad} 3, {@code pool1_pad} 1), which is what symmetric padding on the stem convolution and pool
 * gives; the max pool pads with -inf instead of zeros, which is equal because its input comes out of a ReLU.
 */
public final class ResNet {

    static final float BN_EPSILON = 1.001e-5f;
    static final float BN_MOMENTUM = 0.99f;

    /**
     * One stage: Keras' {@code stack1(x, filters, blocks, stride1, name)}.
     *
     * @param name Keras stage name, {@code conv2} .. {@code conv5}
     * @param blocks bottleneck blocks in the stage
     * @param filters bottleneck width; the stage outputs 4x as many channels
     * @param stride stride of the stage's first block
     */
    public record StageSpec(String name, int blocks, int filters, int stride) {}

    /** A ResNet variant: its stem width and its stage table. */
    public record Variant(String name, int stemFilters, List<StageSpec> stages) {
        public Variant {
            stages = List.copyOf(stages);
        }

        public int featureWidth() {
            return 4 * stages.get(stages.size() - 1).filters();
        }

        /**
         * The scale knob: {@code blocks[i]} blocks in stage i and every width divided by {@code widthDivisor}
         * (at least one channel), keeping the stage structure, strides and names.
         */
        public Variant scaled(String scaledName, int[] blocks, int widthDivisor) {
            if (blocks.length != stages.size()) {
                throw new IllegalArgumentException("need " + stages.size() + " block counts, got " + blocks.length);
            }
            if (widthDivisor < 1) {
                throw new IllegalArgumentException("width divisor must be at least 1: " + widthDivisor);
            }
            List<StageSpec> rows = new ArrayList<>();
            for (int i = 0; i < blocks.length; i++) {
                if (blocks[i] < 1) {
                    throw new IllegalArgumentException("stage " + stages.get(i).name() + " needs at least one block: " + blocks[i]);
                }
                StageSpec s = stages.get(i);
                rows.add(new StageSpec(s.name(), blocks[i], Math.max(1, s.filters() / widthDivisor), s.stride()));
            }
            return new Variant(scaledName, Math.max(1, stemFilters / widthDivisor), rows);
        }
    }

    /** ResNet152: Keras' {@code ResNet152}, 3-8-36-3 bottleneck blocks. */
    public static final Variant RESNET152 = new Variant("resnet152", 64, List.of(
            new StageSpec("conv2", 3, 64, 1),    // 56x56 at 224 input
            new StageSpec("conv3", 8, 128, 2),   // 28x28
            new StageSpec("conv4", 36, 256, 2),  // 14x14
            new StageSpec("conv5", 3, 512, 2))); // 7x7

    /** The fixture-scale ResNet152: same stages, strides and names; one block per stage, an eighth of the width. */
    public static final Variant RESNET152_FIXTURE = RESNET152.scaled("resnet152-fixture", new int[] {1, 1, 1, 1}, 8);

    private ResNet() {}

    public static Backbone build(Variant v) {
        List<Backbone.Stage> stages = new ArrayList<>();
        for (StageSpec s : v.stages()) {
            Chain stage = new Chain();
            for (int b = 1; b <= s.blocks(); b++) {
                String name = s.name() + "_block" + b;
                boolean first = b == 1;
                stage.add(name, bottleneck(name, s.filters(), first ? s.stride() : 1, first));
            }
            stages.add(new Backbone.Stage(s.name(), stage));
        }
        return new Backbone("resnet152", v.name(), InputScaling.CAFFE, stem(v.stemFilters()), stages,
                v.featureWidth(), 224, 32, Backbone::poolAndDense);
    }

    private static Block stem(int filters) {
        return new Chain()
                .add("conv1_conv", conv(filters, 7, 2, 3))
                .add("conv1_bn", bn())
                .add("conv1_relu", Activation.reluBlock())
                .add("pool1_pool", Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    }

    /** Keras' {@code block1}: 1x1 (strided) - 3x3 - 1x1 x4, plus a projection shortcut on each stage's first block. */
    private static Block bottleneck(String name, int filters, int stride, boolean projection) {
        Chain main = new Chain()
                .add(name + "_1_conv", conv(filters, 1, stride, 0))
                .add(name + "_1_bn", bn())
                .add(name + "_1_relu", Activation.reluBlock())
                .add(name + "_2_conv", conv(filters, 3, 1, 1))
                .add(name + "_2_bn", bn())
                .add(name + "_2_relu", Activation.reluBlock())
                .add(name + "_3_conv", conv(4 * filters, 1, 1, 0))
                .add(name + "_3_bn", bn());
        Block shortcut = projection
                ? new Chain().add(name + "_0_conv", conv(4 * filters, 1, stride, 0)).add(name + "_0_bn", bn())
                : null;
        return new Residual(main, shortcut);
    }

    private static Block conv(int filters, int kernel, int stride, int pad) {
        return KerasLayers.conv(filters, kernel, stride, pad, 1, true);
    }

    private static Block bn() {
        return KerasLayers.batchNorm(BN_EPSILON, BN_MOMENTUM);
    }
}
