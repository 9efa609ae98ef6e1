package org.biradsrepro.experiment;

import java.util.Map;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.cache.CodeIdentity;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.NativeEngine;
import org.biradsrepro.weights.KerasWeights;

/**
 * The feature cache's key, assembled here and nowhere else ({@code ArchitectureTest} holds every other class to
 * it): what the frozen part's output of a dataset depends on. To change what invalidates a cached feature, change
 * this class; {@link FeatureCache.Key#computation()} turns it into the text the cache on disk is keyed by.
 */
final class FeatureKeys {

    private final ReproConfig config;
    private final Dataset dataset;
    /** What computes the frozen part's output besides the network: engine, threads, CPU, code (a feature key part). */
    private final String computedBy;

    /**
     * @param versions the session's versions as the results record them ({@link Provenance#versions})
     * @param machine the session's machine as the results record it ({@link Provenance#machine})
     */
    FeatureKeys(ReproConfig config, Dataset dataset, Map<String, String> versions, NativeEngine.State engine,
                Map<String, String> machine) {
        this.config = config;
        this.dataset = dataset;
        // Kernels differ between engine versions, thread counts and CPUs, and so may the last bits of a feature;
        // the classes that build, load and run the networks and preprocess the images are hashed, so that features
        // on disk are never served to changed code.
        this.computedBy = config.featureCacheDir().filter(d -> config.featureCache()).isEmpty() ? "this session"
                : "engine=" + versions.get("engine") + ";djl="
                + versions.get("djl") + ";threads=" + engine.threads() + ";cpu=" + machine.get("cpu") + ";code="
                + CodeIdentity.ofPackages(Backbone.class, KerasWeights.class, FeatureCache.class, ImagePreprocessor.class);
    }

    /** The key of a backbone's frozen output over the session's dataset, from these starting weights. */
    FeatureCache.Key of(Backbone backbone, StartingWeights start) {
        return new FeatureCache.Key(backbone.variant(), config.fullSizeBackbones(),
                Seeds.derive(config.seed(), Seeds.FROZEN, 0), config.trainableStages(),
                new ImagePreprocessor(config.imageSize(), config.maxImagePixels()).settingsKey(),
                backbone.scaling().name(), start.describe(), computedBy, dataset.fingerprint());
    }
}
