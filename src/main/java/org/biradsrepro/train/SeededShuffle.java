package org.biradsrepro.train;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * A fresh Fisher-Yates permutation per epoch (Keras' {@code shuffle=True}) from a generator of its own. DJL's
 * RandomSampler draws from the engine-wide generator and never leaves an element in place; this one is unbiased and
 * fixed by the seed alone.
 */
public final class SeededShuffle implements Sampler.SubSampler {

    private final SplittableRandom random;

    public SeededShuffle(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public Iterator<Long> sample(RandomAccessDataset dataset) {
        long[] order = LongStream.range(0, dataset.size()).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return LongStream.of(order).iterator();
    }
}
