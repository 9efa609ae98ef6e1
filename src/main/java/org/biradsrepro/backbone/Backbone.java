package org.biradsrepro.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A convolutional feature extractor split into its stem and its stages, the units at which the paper's "lower
 * layers" can be frozen. The blocks are fresh, uninitialised DJL blocks: a Backbone goes into exactly one network.
 *
 * @param id registry id, e.g. {@code resnet152}
 * @param variant the variant actually built, e.g. {@code resnet152} or {@code resnet152-fixture}
 * @param scaling the input scaling the reference model expects
 * @param stem the layers before the first stage
 * @param stages the stages, bottom to top
 * @param featureWidth channels of the last stage, i.e. the width of the pooled features
 * @param defaultInputSize the reference model's own default input size
 * @param minInputSize the smallest input side the design accepts (Keras' {@code obtain_input_shape} minimum)
 * @param top the reference model's {@code include_top=True} part after the last stage, pooling included, for a given
 *     number of classes; the transfer network replaces it, it exists to match the reference parameter count
 */
public record Backbone(String id, String variant, InputScaling scaling, Block stem, List<Stage> stages,
                       int featureWidth, int defaultInputSize, int minInputSize, IntFunction<Block> top) {

    /** One stage, named as in the reference implementation (Keras' {@code conv2} .. {@code conv5} for ResNet). */
    public record Stage(String name, Block block) {}

    public Backbone {
        Objects.requireNonNull(stem, "stem");
        Objects.requireNonNull(top, "top");
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a backbone needs at least one stage: " + variant);
        }
    }

    /** Keras' most common top: global average pooling ({@code avg_pool}) and a dense layer ({@code predictions}). */
    public static Block poolAndDense(int classes) {
        return new Chain().add("avg_pool", Pool.globalAvgPool2dBlock())
                .add("predictions", Linear.builder().setUnits(classes).build());
    }

    /** The reference model with its original top, as Keras builds it with {@code include_top=True}. */
    public Block withClassifier(int classes) {
        Chain net = new Chain().add("stem", stem);
        stages.forEach(s -> net.add(s.name(), s.block()));
        return net.add("top", top.apply(classes));
    }
}
