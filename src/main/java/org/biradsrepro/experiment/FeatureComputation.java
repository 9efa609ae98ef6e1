package org.biradsrepro.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.cache.CacheKey;
import org.biradsrepro.cache.CodeIdentity;
import org.biradsrepro.context.Machine;
import org.biradsrepro.context.Versions;
import org.biradsrepro.data.image.DecodeCache;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.weights.KerasWeights;

/**
 * What computes the frozen features besides the network's own inputs (the {@code computedBy} part of a
 * train.FeatureCache.Key, and so of every batch on disk): a {@link CacheKey} of the code the pass runs, the device,
 * the engine's versions and the machine's numeric identity. The machine values are the ones the results record and
 * results.RunOrigin compares ({@link Machine#NUMERIC_KEYS}), so features are reused across sessions exactly when
 * results would be, machine-wise.
 */
final class FeatureComputation {

    private FeatureComputation() {}

    /**
     * The packages the feature pass runs: decoding and preprocessing (its images are decoded for it), the backbones,
     * the weight loading and the pass itself.
     */
    static final List<Class<?>> RUNS = Stream.concat(DecodeCache.RUNS.stream(),
            Stream.of(Backbone.class, KerasWeights.class, FeatureCache.class)).toList();

    /** The key for this program's code, {@code versions} and {@code machine} as the results record them. */
    static String computedBy(Map<String, String> versions, Map<String, String> machine) {
        return key(CodeIdentity.ofThisProgram(), versions, machine).text();
    }

    /** @param program the code identity of the program's packages; another value stands for edited code */
    static CacheKey key(Map<String, String> program, Map<String, String> versions, Map<String, String> machine) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put(Versions.ENGINE, versions.get(Versions.ENGINE));
        inputs.put(Versions.DJL, versions.get(Versions.DJL));
        Machine.numericIdentity(machine).forEach(inputs::put);
        String device = inputs.remove("device");
        return new CacheKey("frozen features", CacheKey.codeOf(program, RUNS), device, inputs);
    }
}
