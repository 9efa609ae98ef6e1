package org.biradsrepro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Model inputs with their labels: one float row per sample (a preprocessed image, or the frozen part's output
 * for it), all of the same item shapes. An item is one array or several (whatever a frozen part passes on at the
 * stage boundary where it ends); a row holds them one after the other, each flattened.
 * Rows are shared, not copied: nothing here mutates them.
 */
public record Samples(float[][] rows, List<Shape> itemShapes, int[] labels) implements SampleSource {

    public Samples {
        Objects.requireNonNull(rows, "rows");
        itemShapes = List.copyOf(itemShapes);
        if (itemShapes.isEmpty()) {
            throw new IllegalArgumentException("an item needs at least one array shape");
        }
        if (rows.length != labels.length) {
            throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
        }
        long width = itemShapes.stream().mapToLong(Shape::size).sum();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values; item shapes "
                        + itemShapes + " need " + width);
            }
        }
    }

    /** Samples whose items are one array each. */
    public Samples(float[][] rows, Shape itemShape, int[] labels) {
        this(rows, List.of(Objects.requireNonNull(itemShape, "itemShape")), labels);
    }

    @Override
    public int size() {
        return rows.length;
    }

    /** The rows themselves, shared. */
    @Override
    public float[][] rows(int from, int to) {
        return Arrays.copyOfRange(rows, from, to);
    }

    /** The shape of a single-array item; fails when items have several arrays. */
    public Shape itemShape() {
        if (itemShapes.size() != 1) {
            throw new IllegalStateException("items have " + itemShapes.size() + " arrays " + itemShapes + ", not one");
        }
        return itemShapes.get(0);
    }

    /** The samples at the given positions, in that order. */
    public Samples subset(int[] indices) {
        float[][] r = new float[indices.length][];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            r[i] = rows[indices[i]];
            l[i] = labels[indices[i]];
        }
        return new Samples(r, itemShapes, l);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of a single-array item as one batch tensor. */
    public NDArray batch(NDManager manager, int from, int to) {
        itemShape();
        return batches(manager, from, to).singletonOrThrow();
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as one batch tensor per item array. */
    public NDList batches(NDManager manager, int from, int to) {
        return batches(manager, rows(from, to), itemShapes);
    }

    /** Rows laid out as {@link Samples} lays them (item arrays side by side) as one batch tensor per item array. */
    static NDList batches(NDManager manager, float[][] rows, List<Shape> itemShapes) {
        for (Shape part : itemShapes) {
            long bytes = rows.length * part.size() * Float.BYTES;
            if (bytes > Integer.MAX_VALUE) {
                // DJL copies an array into one direct ByteBuffer, whose capacity is an int; past it DJL fails
                // with "capacity < 0".
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%d rows of shape %s are %,d bytes, "
                        + "more than the %,d one array can be created from; take them in smaller batches",
                        rows.length, part, bytes, Integer.MAX_VALUE));
            }
        }
        NDList out = new NDList(itemShapes.size());
        int offset = 0;
        for (Shape part : itemShapes) {
            int width = Math.toIntExact(part.size());
            float[] flat = new float[rows.length * width];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], offset, flat, i * width, width);
            }
            out.add(manager.create(flat, new Shape(rows.length).addAll(part)));
            offset += width;
        }
        return out;
    }

    /**
     * Cuts a batch of network outputs (one array per item part, the first axis the batch) into rows {@code from}
     * onwards of {@code rows}, the inverse of {@link #batches}.
     */
    static void unbatch(NDList outputs, float[][] rows, int from) {
        int n = Math.toIntExact(outputs.get(0).getShape().get(0));
        long width = outputs.stream().mapToLong(a -> a.getShape().size() / n).sum();
        for (int i = 0; i < n; i++) {
            rows[from + i] = new float[Math.toIntExact(width)];
        }
        int offset = 0;
        for (NDArray part : outputs) {
            float[] flat = part.toFloatArray();
            int partWidth = flat.length / n;
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * partWidth, rows[from + i], offset, partWidth);
            }
            offset += partWidth;
        }
    }

    public NDArray labelArray(NDManager manager) {
        float[] f = new float[labels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = labels[i];
        }
        return manager.create(f);
    }

    /** The batch shape for {@code n} samples of a single-array item. */
    public Shape batchShape(long n) {
        return new Shape(n).addAll(itemShape());
    }
}
