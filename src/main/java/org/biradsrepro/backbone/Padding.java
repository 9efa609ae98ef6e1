package org.biradsrepro.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * TensorFlow's padding rules as blocks. PyTorch pads both sides equally, but TensorFlow's {@code 'same'} with
 * stride 2 on an even input puts the extra row and column at the bottom and right, and Keras models that pad
 * explicitly ({@code ZeroPadding2D(correct_pad(...))}) rely on exactly that split. A port that must take Keras'
 * weights has to see the same pixels under each kernel tap, so the split is computed from the actual input size.
 */
public final class Padding {

    /** The four pad widths for an input of height {@code h} and width {@code w}: top, bottom, left, right. */
    @FunctionalInterface
    interface Rule {
        int[] widths(long h, long w);
    }

    private Padding() {}

    /** Keras {@code ZeroPadding2D(((top, bottom), (left, right)))}. */
    public static Block zeros(int top, int bottom, int left, int right) {
        return new Pad2d((h, w) -> new int[] {top, bottom, left, right}, 0);
    }

    /**
     * Keras {@code ZeroPadding2D(imagenet_utils.correct_pad(x, kernel))}: {@code kernel/2} on each side for an odd
     * size, one less at the top (left) for an even size.
     */
    public static Block correctPad(int kernel) {
        return new Pad2d((h, w) -> {
            int half = kernel / 2;
            int adjustH = h % 2 == 0 ? 1 : 0;
            int adjustW = w % 2 == 0 ? 1 : 0;
            return new int[] {half - adjustH, half, half - adjustW, half};
        }, 0);
    }

    /** TensorFlow {@code padding='same'} ahead of a 'valid' convolution with this kernel and stride. */
    public static Block same(int kernel, int stride) {
        return same(kernel, stride, 0);
    }

    /**
     * TensorFlow {@code padding='same'} with a fill value, {@code Double.NEGATIVE_INFINITY} for a max pool (TensorFlow's
     * pools ignore the padded cells, which for a max is the same as padding with minus infinity).
     */
    public static Block same(int kernel, int stride, double fill) {
        return new Pad2d((h, w) -> {
            int[] rows = sameSplit(h, kernel, stride);
            int[] cols = sameSplit(w, kernel, stride);
            return new int[] {rows[0], rows[1], cols[0], cols[1]};
        }, fill);
    }

    /** TensorFlow's split of {@code 'same'} padding along one axis: {before, after}, the odd one after. */
    static int[] sameSplit(long size, int kernel, int stride) {
        long out = (size + stride - 1) / stride;
        int total = (int) Math.max((out - 1) * stride + kernel - size, 0);
        return new int[] {total / 2, total - total / 2};
    }

    /** Pads the last two axes (height, width) of a single NCHW input. */
    static final class Pad2d extends AbstractBlock {
        private final Rule rule;
        private final double fill;

        Pad2d(Rule rule, double fill) {
            this.rule = rule;
            this.fill = fill;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            Shape s = inputs.singletonOrThrow().getShape();
            int[] p = rule.widths(s.get(2), s.get(3));
            if (p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0) {
                return inputs;
            }
            // libtorch's pad order: last axis first, before then after.
            return new NDList(inputs.singletonOrThrow().pad(new Shape(p[2], p[3], p[0], p[1]), fill));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            int[] p = rule.widths(s.get(2), s.get(3));
            return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2) + p[0] + p[1], s.get(3) + p[2] + p[3])};
        }
    }
}
