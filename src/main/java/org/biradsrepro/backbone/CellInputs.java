package org.biradsrepro.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Objects;

/**
 * The pair that crosses a boundary between NASNet cells, and so between its stages: the newest feature map
 * {@code x} and the one before it, {@code previous} (Keras' {@code p}). DJL blocks pass {@link NDList}s (and
 * {@code Shape[]}s while building), so the pair travels as a two-element list, {@code x} first; a one-element list
 * is the first cell's input, where Keras' {@code p=None} means {@code p = x}.
 *
 * @param <T> {@link NDArray} when running, {@link Shape} when building
 */
record CellInputs<T>(T x, T previous) {

    CellInputs {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(previous, "previous");
    }

    /** The pair from a block's inputs: {@code (x, p)}, or {@code (x)} alone, which stands for {@code (x, x)}. */
    static <T> CellInputs<T> of(List<T> inputs) {
        if (inputs.isEmpty() || inputs.size() > 2) {
            throw new IllegalArgumentException("a NASNet cell takes (x) or (x, p), not " + inputs.size() + " inputs");
        }
        return new CellInputs<>(inputs.get(0), inputs.get(inputs.size() - 1));
    }

    /** {@code x} then {@code previous}, for {@code new NDList(..)} or {@code toArray(Shape[]::new)}. */
    List<T> asList() {
        return List.of(x, previous);
    }
}
