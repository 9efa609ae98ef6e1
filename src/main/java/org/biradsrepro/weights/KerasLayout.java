package org.biradsrepro.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * How one Keras array is laid out relative to the DJL parameter that holds it. Keras is channels-last and stores
 * a kernel as it multiplies; PyTorch (and so DJL) stores output channels first.
 */
public enum KerasLayout {
    /** Vectors (biases, BatchNorm's four arrays): the same in both. */
    AS_IS {
        @Override
        public Shape kerasShape(Shape djl) {
            return djl;
        }

        @Override
        public NDArray toDjl(NDArray keras) {
            return keras;
        }

        @Override
        public NDArray toKeras(NDArray djl) {
            return djl;
        }
    },
    /** Conv2D and a separable convolution's pointwise kernel: Keras (kh, kw, in/groups, out), DJL (out, in/groups, kh, kw). */
    CONV_KERNEL {
        @Override
        public Shape kerasShape(Shape djl) {
            return new Shape(djl.get(2), djl.get(3), djl.get(1), djl.get(0));
        }

        @Override
        public NDArray toDjl(NDArray keras) {
            return keras.transpose(3, 2, 0, 1);
        }

        @Override
        public NDArray toKeras(NDArray djl) {
            return djl.transpose(2, 3, 1, 0);
        }
    },
    /**
     * DepthwiseConv2D and a separable convolution's depthwise kernel, depth multiplier 1 (all six backbones):
     * Keras (kh, kw, C, 1), DJL a convolution with C groups, (C, 1, kh, kw).
     */
    DEPTHWISE_KERNEL {
        @Override
        public Shape kerasShape(Shape djl) {
            return new Shape(djl.get(2), djl.get(3), djl.get(0), djl.get(1));
        }

        @Override
        public NDArray toDjl(NDArray keras) {
            return keras.transpose(2, 3, 0, 1);
        }

        @Override
        public NDArray toKeras(NDArray djl) {
            return djl.transpose(2, 3, 0, 1);
        }
    },
    /** Dense: Keras (in, out), DJL's Linear (out, in). */
    DENSE_KERNEL {
        @Override
        public Shape kerasShape(Shape djl) {
            return new Shape(djl.get(1), djl.get(0));
        }

        @Override
        public NDArray toDjl(NDArray keras) {
            return keras.transpose();
        }

        @Override
        public NDArray toKeras(NDArray djl) {
            return djl.transpose();
        }
    };

    /** The shape Keras stores for a DJL parameter of this shape. */
    public abstract Shape kerasShape(Shape djl);

    /** A Keras-shaped array in DJL's layout (a view or a new array; the caller copies it into the parameter). */
    public abstract NDArray toDjl(NDArray keras);

    /** A DJL parameter's values in Keras' layout. */
    public abstract NDArray toKeras(NDArray djl);
}
