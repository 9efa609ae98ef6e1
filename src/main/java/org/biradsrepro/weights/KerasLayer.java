package org.biradsrepro.weights;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * One Keras layer with weights, as our backbone holds it: the Keras layer name, its Keras class, and the DJL
 * parameters in Keras' weight order (trainable first, then non-trainable).
 *
 * @param name the Keras layer name, as our block is named ({@code conv2_block1_1_conv})
 * @param kind the Keras class whose weights these are
 * @param path where the block sits in our tree, for messages ({@code stages/conv2/conv2_block1/main/conv2_block1_1_conv})
 * @param slots one per Keras array, in Keras' order
 */
public record KerasLayer(String name, Kind kind, String path, List<Slot> slots) {

    public KerasLayer {
        slots = List.copyOf(slots);
    }

    /** The Keras classes with weights that the six backbones use, with the variants that change the arrays. */
    public enum Kind {
        /** kernel [, bias]; grouped convolutions (RegNet) too: Keras' kernel is (kh, kw, in/groups, out). */
        CONV2D("Conv2D"),
        /** depthwise_kernel [, bias] (MobileNetV3). */
        DEPTHWISE_CONV2D("DepthwiseConv2D"),
        /** depthwise_kernel, pointwise_kernel [, bias] (NASNet). */
        SEPARABLE_CONV2D("SeparableConv2D"),
        /** gamma, beta, moving_mean, moving_variance. */
        BATCH_NORMALIZATION("BatchNormalization"),
        /** {@code scale=False} (InceptionV3, our {@code UnscaledBatchNorm}): beta, moving_mean, moving_variance. */
        BATCH_NORMALIZATION_NO_SCALE("BatchNormalization(scale=False)"),
        /** kernel, bias. */
        DENSE("Dense");

        private final String kerasClass;

        Kind(String kerasClass) {
            this.kerasClass = kerasClass;
        }

        public String kerasClass() {
            return kerasClass;
        }
    }

    /**
     * One array.
     *
     * @param weight Keras' short weight name ({@code kernel}, {@code moving_mean}); files add the layer prefix and,
     *     in Keras 2, {@code :0}
     * @param parameter the DJL parameter that holds it
     * @param layout how Keras lays it out relative to the parameter
     */
    public record Slot(String weight, Parameter parameter, KerasLayout layout) {
        /** The shape Keras stores. */
        public Shape kerasShape() {
            return layout.kerasShape(parameter.getArray().getShape());
        }
    }

    /** Total values in this layer's parameters. */
    public long size() {
        return slots.stream().mapToLong(s -> s.parameter().getArray().size()).sum();
    }
}
