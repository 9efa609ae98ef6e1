package org.biradsrepro.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.cache.CacheKey;
import org.biradsrepro.cache.CodeIdentity;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.context.Machine;
import org.biradsrepro.context.Versions;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.image.DecodeCache;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.weights.KerasWeights;

/**
 * The feature cache's key, assembled here and nowhere else ({@code ArchitectureTest} holds every other class to
 * it): what the frozen part's output of a dataset depends on. To change what invalidates a cached feature, change
 * this class; {@link FeatureCache.Key#computation()} turns it into the text the cache on disk is keyed by.
 *
 * <p>What computes the features besides the network's own inputs (the key's {@code computedBy}) is a
 * {@link CacheKey} of the code the pass runs, the device, the engine's versions and the machine's numeric identity.
 * The machine values are the ones the results record and results.RunOrigin compares ({@link Machine#NUMERIC_KEYS}),
 * so features are reused across sessions exactly when results would be, machine-wise.
 */
final class FeatureKeys {

    /**
     * The packages the feature pass runs: decoding and preprocessing (its images are decoded for it), the backbones,
     * the weight loading and the pass itself.
     */
    static final List<Class<?>> RUNS = Stream.concat(DecodeCache.RUNS.stream(),
            Stream.of(Backbone.class, KerasWeights.class, FeatureCache.class)).toList();

    private final ReproConfig config;
    private final Dataset dataset;
    private final String computedBy;

    /**
     * @param versions the session's versions as the results record them ({@link Provenance#versions})
     * @param machine the session's machine as the results record it ({@link Provenance#machine})
     */
    FeatureKeys(ReproConfig config, Dataset dataset, Map<String, String> versions, Map<String, String> machine) {
        this.config = config;
        this.dataset = dataset;
        // Kernels differ between devices, engine versions, thread counts and CPUs, and so may the last bits of a
        // feature; features on disk are never served to another machine or to changed code.
        this.computedBy = config.featureCacheDir().filter(d -> config.featureCache()).isEmpty() ? "this session"
                : computedBy(CodeIdentity.ofThisProgram(), versions, machine).text();
    }

    /** The key of a backbone's frozen output over the session's dataset, from these starting weights. */
    FeatureCache.Key of(Backbone backbone, StartingWeights start) {
        return new FeatureCache.Key(backbone.variant(), config.fullSizeBackbones(),
                Seeds.derive(config.seed(), Seeds.FROZEN, 0), config.trainableStages(),
                new ImagePreprocessor(config.imageSize(), config.maxImagePixels()).settingsKey(),
                backbone.scaling().name(), start.describe(), computedBy, dataset.fingerprint());
    }

    /** @param program the code identity of the program's packages; another value stands for edited code */
    static CacheKey computedBy(Map<String, String> program, Map<String, String> versions, Map<String, String> machine) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put(Versions.ENGINE, versions.get(Versions.ENGINE));
        inputs.put(Versions.DJL, versions.get(Versions.DJL));
        Machine.numericIdentity(machine).forEach(inputs::put);
        String device = inputs.remove("device");
        return new CacheKey("frozen features", CacheKey.codeOf(program, RUNS), device, inputs);
    }
}
