package org.biradsrepro.experiment;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.progress.Console;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.FeatureStore;
import org.biradsrepro.train.Samples;

/**
 * The frozen part's output, computed once per backbone, weights and input, from images streamed a batch at a time
 * ({@link ImageStream}); later runs reuse it, and batches on disk from an earlier session
 * ({@code repro.featureCacheDir}) are read instead of computed. What grows with the dataset is the features alone.
 */
final class CachedFeatures implements FrozenFeatures {

    private final FeatureCache cache = new FeatureCache();
    private final FeatureStore store;
    private final FeatureKeys keys;
    private final Dataset dataset;
    private final Function<Path, float[]> decode;
    private final int imageSize;
    private final CheckedFeaturePass pass;
    private final AtomicInteger largestImageBatch = new AtomicInteger();

    /**
     * @param decode a file to its preprocessed values, through the decode cache when it is on
     * @param console where damaged entries on disk are reported
     */
    CachedFeatures(ReproConfig config, Dataset dataset, Function<Path, float[]> decode, FeatureKeys keys,
                   CheckedFeaturePass pass, Console console) {
        this.store = config.featureCacheDir()
                .map(d -> FeatureStore.inFolder(d, console::note))
                .orElseGet(FeatureStore::none);
        this.keys = keys;
        this.dataset = dataset;
        this.decode = decode;
        this.imageSize = config.imageSize();
        this.pass = pass;
    }

    @Override
    public Source source(Backbone backbone, TransferNetwork net, StartingWeights start, NDManager runManager) {
        FeatureCache.Key key = keys.of(backbone, start);
        Samples features = cache.get(key, () -> {
            start.loadInto(backbone, net.frozen());
            ImageStream input = new ImageStream(dataset.images().stream().map(LabeledImage::path).toList(),
                    dataset.labels(), decode, imageSize, backbone.scaling());
            try (NDManager m = runManager.newSubManager()) {
                return pass.run(backbone, net.frozen(), input, store.batches(key.computation(), dataset.contentHashes()), m);
            } finally {
                largestImageBatch.accumulateAndGet(input.largestBatch(), Math::max);
            }
        });
        return new Source(features, net.trainable());
    }

    @Override
    public Counts counts() {
        return new Counts(cache.computations(), store.computedBatches(), store.storedBatchesRead(),
                store.damagedEntries(), 0, largestImageBatch.get());
    }
}
