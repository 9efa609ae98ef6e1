package org.biradsrepro.bench;

import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.biradsrepro.train.Samples;

/** Seeded random images with labels cycling through the six classes: what a benchmark feeds a network. */
final class RandomImages {

    private RandomImages() {}

    /** {@code count} images of {@code shape} with values in [-120, 135), about a mean-subtracted 0..255 range. */
    static Samples of(int count, Shape shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] rows = new float[count][(int) shape.size()];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = (float) (rng.nextDouble() * 255 - 120);
            }
            labels[i] = i % 6;
        }
        return new Samples(rows, shape, labels);
    }
}
