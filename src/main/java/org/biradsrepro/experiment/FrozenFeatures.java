package org.biradsrepro.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.train.Samples;

/**
 * What a run trains on and what it trains ({@code repro.featureCache}): the frozen part's output, computed once per
 * backbone, and the trainable part ({@link CachedFeatures}); or the images and the whole network, the frozen part
 * in inference mode ({@link EndToEndFeatures}). Either way the frozen part has been loaded with the starting
 * weights and its output checked for non-finite values before training.
 */
interface FrozenFeatures {

    /** The rows a run trains, validates and tests on, and the block it trains on them. */
    record Source(Samples samples, Block trained) {}

    /**
     * What the feature stage has done so far, for tests and the run's account of its work.
     *
     * @param extractions times the frozen part's output was assembled for the whole dataset
     * @param batchesComputed feature batches that ran through the frozen part
     * @param batchesFromDisk feature batches read from the feature cache on disk
     * @param damagedEntries feature cache entries on disk found damaged, reported and computed again
     * @param heldImageValues float values of decoded images held now, each array counted once
     * @param largestImageBatch the most images a feature pass held decoded at once
     */
    record Counts(int extractions, int batchesComputed, int batchesFromDisk, int damagedEntries, long heldImageValues,
                  int largestImageBatch) {}

    /**
     * The source for a freshly built and initialised network of {@code backbone}, whose frozen part this loads
     * with {@code start}; arrays it keeps for the run live in {@code runManager}.
     */
    Source source(Backbone backbone, TransferNetwork net, StartingWeights start, NDManager runManager);

    Counts counts();
}
