package org.biradsrepro.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * TensorFlow's {@code AveragePooling2D(pool, strides, padding='same')}: the mean over the cells of each window
 * that lie inside the image, the padded cells left out of both the sum and the count, with TensorFlow's padding
 * split (the odd cell after).
 *
 * <p>DJL's {@code Pool.avgPool2dBlock(.., countIncludePad=false)} cannot do this on PyTorch: DJL 0.36's native
 * {@code torchNNAvgPool} takes the flag but never passes it to libtorch, so the padded zeros are always counted
 * (a 3x3 corner comes out at 4/9 of the value). Here the input is padded explicitly, pooled, and divided by the
 * same pooling of a mask of ones, which is the fraction of each window that lies inside the image. Where the split
 * is symmetric, inference lets the pool pad instead, with the padded zeros counted as the explicit ones are.
 */
public final class SameAveragePool extends AbstractBlock {

    private final int kernel;
    private final int stride;

    public SameAveragePool(int kernel, int stride) {
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("need kernel >= 1 and stride >= 1, got kernel " + kernel + ", stride " + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        int[] rows = Padding.sameSplit(s.get(2), kernel, stride);
        int[] cols = Padding.sameSplit(s.get(3), kernel, stride);
        NDArray mask = x.getManager().ones(new Shape(1, 1, s.get(2), s.get(3)), x.getDataType(), x.getDevice());
        if (!training && rows[0] == rows[1] && cols[0] == cols[1]) {
            // The pool's own padding counted in the mean, as the explicit zeros are: libtorch sums the same cells
            // in the same order (a zero added changes no partial sum, which starts at +0) and divides by the same
            // k^2, so the padded copy of x is saved with the same bits (InferenceInPlaceTest). Training keeps the
            // explicit padding it was verified with.
            Shape pad = new Shape(rows[0], cols[0]);
            return new NDList(pool(x, pad).divi(pool(mask, pad)));
        }
        // libtorch's pad order: last axis first, before then after.
        Shape pad = new Shape(cols[0], cols[1], rows[0], rows[1]);
        NDArray inside = pool(mask.pad(pad, 0), new Shape(0, 0));
        return new NDList(pool(x.pad(pad, 0), new Shape(0, 0)).div(inside));
    }

    private NDArray pool(NDArray x, Shape padding) {
        return Pool.avgPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), padding, false, true);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), ceilDiv(s.get(2)), ceilDiv(s.get(3)))};
    }

    private long ceilDiv(long size) {
        return (size + stride - 1) / stride;
    }
}
