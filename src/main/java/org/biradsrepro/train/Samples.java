package org.biradsrepro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * Model inputs with their labels: one float row per sample (a preprocessed image, or the frozen part's output
 * for it), all of one item shape. Rows are shared, not copied: nothing here mutates them.
 */
public record Samples(float[][] rows, Shape itemShape, int[] labels) {

    public Samples {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(itemShape, "itemShape");
        if (rows.length != labels.length) {
            throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
        }
        long width = itemShape.size();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values; item shape "
                        + itemShape + " needs " + width);
            }
        }
    }

    public int size() {
        return rows.length;
    }

    /** The samples at the given positions, in that order. */
    public Samples subset(int[] indices) {
        float[][] r = new float[indices.length][];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            r[i] = rows[indices[i]];
            l[i] = labels[indices[i]];
        }
        return new Samples(r, itemShape, l);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as one batch tensor. */
    public NDArray batch(NDManager manager, int from, int to) {
        int width = Math.toIntExact(itemShape.size());
        float[] flat = new float[(to - from) * width];
        for (int i = from; i < to; i++) {
            System.arraycopy(rows[i], 0, flat, (i - from) * width, width);
        }
        long[] dims = new long[itemShape.dimension() + 1];
        dims[0] = to - from;
        System.arraycopy(itemShape.getShape(), 0, dims, 1, itemShape.dimension());
        return manager.create(flat, new Shape(dims));
    }

    public NDArray labelArray(NDManager manager) {
        float[] f = new float[labels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = labels[i];
        }
        return manager.create(f);
    }

    /** The batch shape for {@code n} samples. */
    public Shape batchShape(long n) {
        return new Shape(n).addAll(itemShape);
    }
}
