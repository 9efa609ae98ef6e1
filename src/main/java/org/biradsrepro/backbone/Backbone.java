package org.biradsrepro.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Objects;

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
 */
public record Backbone(String id, String variant, InputScaling scaling, Block stem, List<Stage> stages,
                       int featureWidth, int defaultInputSize) {

    /** One stage, named as in the reference implementation (Keras' {@code conv2} .. {@code conv5} for ResNet). */
    public record Stage(String name, Block block) {}

    public Backbone {
        Objects.requireNonNull(stem, "stem");
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a backbone needs at least one stage: " + variant);
        }
    }

    /** The reference model with its original top: global average pooling and a {@code classes}-way dense layer. */
    public Block withClassifier(int classes) {
        Chain net = new Chain().add("stem", stem);
        stages.forEach(s -> net.add(s.name(), s.block()));
        return net.add("avg_pool", Pool.globalAvgPool2dBlock())
                .add("predictions", Linear.builder().setUnits(classes).build());
    }
}
