package org.biradsrepro.experiment;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.config.InvalidSettingException;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Settings;
import org.biradsrepro.progress.Console;
import org.biradsrepro.results.Cell;
import org.biradsrepro.train.NativeEngine;

/**
 * What a session will do, decided before any image is read: this process's cells (all of them, or its shard's),
 * the finished runs already in its results folder (their settings checked), each backbone built, sized and its
 * starting weights resolved, the engine checked against {@code repro.threads} and the device resolved. Whatever
 * is wrong here stops the run before hours of work, not after them.
 */
record SessionPlan(ReproConfig config, List<Cell> cells, FinishedRuns finished, Map<String, StartingWeights> weights,
                   NativeEngine.State engine, Device device) {

    static SessionPlan of(ReproConfig config, Path projectDir, NativeEngine.State engine, Console console) {
        if (engine.threads() != config.threads()) {
            throw new InvalidSettingException("repro.threads", Integer.toString(config.threads()), "the thread count "
                    + "the engine of this JVM was started with, " + engine.threads() + " (Experiment.startEngine)");
        }
        // This process's cells: all of them, or its shard's. A shard owns only its own cells' files, so shards may
        // share one results folder (a Kubernetes volume) without reading, reusing or deleting each other's.
        List<Cell> cells = ShardPlan.of(config, engine).cellsOf(config.shard());
        // First, before any work: finished runs of other settings stop the run here, not after the weights and decoding.
        FinishedRuns finished = FinishedRuns.read(config.reportDir().resolve("results"), ownedFiles(config, cells));
        finished.checkSettings(settingsOf(config), config.onIncompatibleResults());
        Map<String, StartingWeights> weights = new LinkedHashMap<>();
        for (String id : config.backbones()) {
            Backbone b = buildBackbone(config, id);
            if (config.imageSize() < b.minInputSize()) {
                throw new InvalidSettingException("repro.imageSize", Integer.toString(config.imageSize()),
                        "at least " + b.minInputSize() + " for " + b.variant() + ", whose reductions leave nothing of a smaller image");
            }
            // Before any work: a missing or damaged weight file stops the run here, not after hours of others.
            weights.put(id, StartingWeights.resolve(config, projectDir, b));
        }
        Device device = Devices.resolve(config.device()); // before any work: repro.device=gpu without a GPU stops here
        if (!engine.arenaNote().isEmpty()) {
            console.note(engine.arenaNote());
        }
        return new SessionPlan(config, List.copyOf(cells), finished, Map.copyOf(weights), engine, device);
    }

    /** Whether a results file is this process's to read, reuse or delete: every file, or on a shard its cells' alone. */
    Predicate<String> ownedFiles() {
        return ownedFiles(config, cells);
    }

    private static Predicate<String> ownedFiles(ReproConfig config, List<Cell> cells) {
        Set<String> own = cells.stream().map(Cell::fileName).collect(Collectors.toSet());
        return config.shard().whole() ? name -> true : own::contains;
    }

    /** The starting weights of a backbone of this session; any other backbone is refused, naming the session's. */
    StartingWeights weightsOf(String backboneId) {
        StartingWeights w = weights.get(backboneId);
        if (w == null) {
            throw new IllegalArgumentException("backbone " + backboneId + " is not part of this session " + config.backbones());
        }
        return w;
    }

    /**
     * The settings as {@code repro.*} keys and values, every recorded row of {@link Settings}' table (the backbone
     * weights among them), and the two choices that are not settings: enough to rerun.
     */
    Map<String, String> settings() {
        return settingsOf(config);
    }

    private static Map<String, String> settingsOf(ReproConfig config) {
        Map<String, String> m = new LinkedHashMap<>(Settings.recorded(config));
        m.put("optimizer", "Adamax(beta1=0.9, beta2=0.999, epsilon=1e-7)");
        m.put("loss", "sparse categorical cross-entropy on softmax");
        return m;
    }

    /** A fresh backbone as the configuration names it: size from the profile, variant from its setting if it has one. */
    static Backbone buildBackbone(ReproConfig config, String id) {
        return config.variantOf(id)
                .map(variant -> BackboneRegistry.build(id, variant, config.fullSizeBackbones()))
                .orElseGet(() -> BackboneRegistry.build(id, config.fullSizeBackbones()));
    }
}
