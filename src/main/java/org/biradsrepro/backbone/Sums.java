package org.biradsrepro.backbone;

import ai.djl.ndarray.NDArray;
import java.util.Collection;

/**
 * The sum of two branches, where a block adds them (residual blocks, NASNet's combinations). In inference it is
 * written over the first operand when that is a temporary of the block: one array fewer per sum, and the same bits,
 * since it is the same single addition. Training always gets a new array, because autograd may have saved the
 * operand for the backward pass.
 */
final class Sums {

    private Sums() {}

    /**
     * {@code a + b}, over {@code a} in inference unless {@code a} is among {@code held} (arrays the block was given or
     * still reads), is {@code b}, or would have to broadcast.
     */
    static NDArray add(NDArray a, NDArray b, Collection<NDArray> held, boolean training) {
        if (training || a == b || held.stream().anyMatch(h -> h == a) || !a.getShape().equals(b.getShape())) {
            return a.add(b);
        }
        return a.addi(b);
    }
}
