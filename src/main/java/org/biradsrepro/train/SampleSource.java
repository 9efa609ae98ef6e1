package org.biradsrepro.train;

import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Model inputs that are read a batch at a time, so that all of them never need to be in memory at once: the
 * feature pass asks for one batch of images, keeps the frozen part's output for it and drops the images. A
 * {@link Samples} is a source whose rows are all in memory already.
 */
public interface SampleSource {

    int size();

    /** The shapes of one sample's arrays (one, or several side by side in a row). */
    List<Shape> itemShapes();

    int[] labels();

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive), in order, each as {@link Samples} lays rows out.
     * The same rows every time they are asked for; callers do not mutate them.
     */
    float[][] rows(int from, int to);

    /** The batch shapes for {@code n} samples, one per item array. */
    default Shape[] batchShapes(long n) {
        return itemShapes().stream().map(s -> new Shape(n).addAll(s)).toArray(Shape[]::new);
    }
}
