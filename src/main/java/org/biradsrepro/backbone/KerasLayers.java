package org.biradsrepro.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * Keras layers that DJL lacks or spells differently, as blocks: {@code Rescaling}, MobileNetV3's hard sigmoid and
 * hard swish, {@code GlobalAveragePooling2D(keepdims=True)}, squeeze-and-excitation, and convolution and BatchNorm
 * with every choice (padding, groups, bias, epsilon, momentum) stated by the caller rather than left to a default.
 */
final class KerasLayers {

    private KerasLayers() {}

    /** Keras {@code Rescaling(scale, offset)}: {@code x * scale + offset}. */
    static Block rescaling(float scale, float offset) {
        return new Elementwise(x -> x.mul(scalar(x, scale)).add(scalar(x, offset)),
                x -> x.mul(scalar(x, scale)).addi(scalar(x, offset)));
    }

    /** {@code mobilenet_v3.hard_sigmoid}: {@code ReLU(6)(x + 3) * (1 / 6)}, a multiplication as Keras writes it. */
    static Block hardSigmoid() {
        return new Elementwise(x -> relu6(x.add(scalar(x, 3f))).mul(scalar(x, 1f / 6f)),
                x -> relu6OfXPlus3(x).muli(scalar(x, 1f / 6f)));
    }

    /** Keras' {@code hard_swish} ({@code hard_silu}): {@code x * (relu6(x + 3) / 6)}. */
    static Block hardSwish() {
        // x * y and y * x are the same bits (IEEE multiplication commutes; a NaN may keep another payload), so the
        // product may land in the buffer of y.
        return new Elementwise(x -> x.mul(relu6(x.add(scalar(x, 3f))).div(scalar(x, 6f))),
                x -> relu6OfXPlus3(x).divi(scalar(x, 6f)).muli(x));
    }

    /** DJL's {@code Activation.relu6} with its 6 from {@link #scalar}: {@code minimum(relu(x), 6)}. */
    private static NDArray relu6(NDArray x) {
        return Activation.relu(x).minimum(scalar(x, 6f));
    }

    /**
     * {@code relu6(x + 3)} in one new array instead of three: {@code clip(x, -3, 3) + 3} is the same bits for every
     * number. Inside [-3, 3] both compute the same {@code x + 3}; outside both give exactly 0 or 6, since rounding
     * is monotonic and a sum of floats that is not exactly 0 never rounds to -0. A NaN stays a NaN, perhaps with
     * another payload (InferenceInPlaceTest). Inference only: training keeps the form whose gradient
     * HardActivationGradientTest checks.
     */
    private static NDArray relu6OfXPlus3(NDArray x) {
        return x.clip(-3f, 3f).addi(scalar(x, 3f));
    }

    /**
     * A 0-d tensor whose memory libtorch allocates and reference-counts. DJL's {@code mul(Number)},
     * {@code div(Number)}, {@code minimum(Number)} (and {@code Activation.relu6}) put the number in a tensor over a
     * Java direct buffer and close it when the forward op returns, while autograd keeps the tensor for the backward
     * pass: after a garbage collection in between, the backward pass reads freed memory and the gradient is wrong
     * (HardActivationGradientTest). The same shape and type as DJL's scalar, so forward results are unchanged.
     */
    private static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    static Block relu() {
        return new Elementwise(Activation::relu);
    }

    static Block sigmoid() {
        return new Elementwise(Activation::sigmoid);
    }

    /** {@code GlobalAveragePooling2D(keepdims=True)}: NCHW to NC11. */
    static Block globalAveragePoolingKeepDims() {
        return new GlobalAveragePoolKeepDims();
    }

    /**
     * A convolution with explicit padding (symmetric, in pixels; asymmetric TensorFlow padding goes in a
     * {@link Padding} block before it) and explicit groups and bias.
     */
    static Block conv(int filters, int kernel, int stride, int pad, int groups, boolean bias) {
        return PaddingSafeConv2d.of(Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optGroups(groups)
                .optBias(bias));
    }

    /** BatchNorm with Keras' epsilon and momentum (moving-average decay; DJL uses the same convention). */
    static Block batchNorm(float epsilon, float momentum) {
        return BatchNorm.builder().optEpsilon(epsilon).optMomentum(momentum).build();
    }

    /** {@code x * gate(x)}: squeeze-and-excitation, the gate ending in a (hard) sigmoid over an N x C x 1 x 1 map. */
    static final class SqueezeExcitation extends AbstractBlock {
        private final Block gate;

        SqueezeExcitation(Block gate) {
            this.gate = addChildBlock("gate", gate);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            return new NDList(x.mul(gate.forward(ps, inputs, training).singletonOrThrow()));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            gate.initialize(manager, dataType, inputShapes);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    /**
     * A parameter-free, shape-preserving function of one array, optionally with an inference form that overwrites
     * its own temporaries: the same bits with fewer arrays, kept out of training, where autograd may have saved a
     * temporary for the backward pass.
     */
    private static final class Elementwise extends AbstractBlock {
        private final UnaryOperator<NDArray> f;
        private final UnaryOperator<NDArray> inference;

        Elementwise(UnaryOperator<NDArray> f) {
            this(f, f);
        }

        Elementwise(UnaryOperator<NDArray> f, UnaryOperator<NDArray> inference) {
            this.f = f;
            this.inference = inference;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList((training ? f : inference).apply(inputs.singletonOrThrow()));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    private static final class GlobalAveragePoolKeepDims extends AbstractBlock {
        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            Shape s = x.getShape();
            return new NDList(Pool.globalAvgPool2d(x).reshape(s.get(0), s.get(1), 1, 1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            return new Shape[] {new Shape(s.get(0), s.get(1), 1, 1)};
        }
    }
}
