package org.biradsrepro.experiment;

import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.config.BackboneWeights;
import org.biradsrepro.config.InvalidSettingException;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.weights.KerasWeightCatalogue;
import org.biradsrepro.weights.KerasWeightFile;
import org.biradsrepro.weights.KerasWeightResolver;
import org.biradsrepro.weights.KerasWeights;

/**
 * The weights one backbone starts from ({@code repro.weights}), found and checked before any work, and loaded into
 * every network built for it. {@code random} loads nothing: the seeded initialisation stays. The new 6-way head is
 * never loaded, as in the paper.
 *
 * <p>What a results file says of them ({@link #describe()}): the source, the file name, its SHA-256, whether
 * Keras' published hash was checked, and for the shipped fixture weights how they were made (the source task
 * and its held-out accuracy, from the JSON beside the file).
 */
final class StartingWeights {

    /** Where the pretrained fixture-scale weights live, relative to the project; one {@code <id>.h5} each. */
    static final String FIXTURE_DIR = "fixtures/backbone-weights";
    static final String FIXTURE_COMMAND = "./mvnw -q compile exec:exec@pretrain-fixtures";

    private final Optional<KerasWeightResolver.Resolved> resolved;
    private final Map<String, String> description;
    private KerasWeightFile read;

    private StartingWeights(Optional<KerasWeightResolver.Resolved> resolved, Map<String, String> description) {
        this.resolved = resolved;
        // Insertion order kept: results files must come out the same, byte for byte, in every JVM.
        this.description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
    }

    /** Finds the file for {@code backbone} as the configuration asks, or fails naming what is missing and where. */
    static StartingWeights resolve(ReproConfig config, Path projectDir, Backbone backbone) {
        BackboneWeights w = config.weights();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("source", w.kind().id());
        Optional<KerasWeightResolver.Resolved> found = switch (w.kind()) {
            case RANDOM -> Optional.empty();
            case FILE -> Optional.of(KerasWeightResolver.explicit(w.file().orElseThrow()));
            case FIXTURE -> Optional.of(fixture(config, projectDir, backbone, d));
            case IMAGENET -> Optional.of(imagenet(config, backbone));
        };
        if (found.isEmpty()) {
            d.put("note", "seeded Glorot-uniform initialisation (Keras' default); no pretrained weights");
        }
        found.ifPresent(r -> {
            d.put("file", r.file().getFileName().toString());
            d.put("sha256", r.sha256());
            d.put("foundIn", r.source().name().toLowerCase(java.util.Locale.ROOT));
            d.put("publishedHashChecked", Boolean.toString(r.publishedHashChecked()));
        });
        return new StartingWeights(found, d);
    }

    private static KerasWeightResolver.Resolved fixture(ReproConfig config, Path projectDir, Backbone backbone,
                                                        Map<String, String> d) {
        if (config.fullSizeBackbones()) {
            throw new InvalidSettingException("repro.weights", "fixture", "imagenet, random or a .h5 file: the shipped "
                    + "fixture weights fit the small fixture-scale networks, not the full-size " + backbone.variant());
        }
        Path file = projectDir.resolve(FIXTURE_DIR).resolve(backbone.id() + ".h5");
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingException("repro.weights", "fixture", "the shipped file " + file.toAbsolutePath()
                    + ", which is missing; regenerate it with " + FIXTURE_COMMAND + ", or use repro.weights=random");
        }
        Path sidecar = file.resolveSibling(backbone.id() + ".json");
        if (Files.isRegularFile(sidecar)) {
            Map<String, String> made = madeHow(sidecar);
            String shipped = made.getOrDefault("variant", backbone.variant());
            if (!shipped.equals(backbone.variant())) {
                throw new InvalidSettingException("repro.weights", "fixture", "random or a .h5 file for "
                        + backbone.variant() + ": the shipped fixture weights " + file.getFileName() + " are for "
                        + shipped + ", the default variant");
            }
            made.forEach((k, v) -> d.put("fixture." + k, v));
        }
        return KerasWeightResolver.explicit(file);
    }

    private static KerasWeightResolver.Resolved imagenet(ReproConfig config, Backbone backbone) {
        if (!config.fullSizeBackbones()) {
            throw new InvalidSettingException("repro.weights", "imagenet", "fixture, random or a .h5 file: Keras' "
                    + "ImageNet files fit the full-size networks (repro.profile=paper), not the fixture-scale "
                    + backbone.variant());
        }
        String variantKey = config.variantOf(backbone.id()).orElse(backbone.id());
        return KerasWeightResolver.find(KerasWeightCatalogue.require(backbone.id(), variantKey),
                config.weightsDir().orElse(null));
    }

    /** The top-level values of the JSON written beside a fixture weights file, as text. */
    private static Map<String, String> madeHow(Path json) {
        try {
            Map<String, Object> m = new Gson().fromJson(Files.readString(json, StandardCharsets.UTF_8),
                    new TypeToken<Map<String, Object>>() {}.getType());
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, v instanceof Double x && x == Math.rint(x) && Math.abs(x) < 1e15
                    ? Long.toString(x.longValue()) : String.valueOf(v)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    /** Loads the file into the backbone's parameters that lie in {@code part}; nothing for random weights. */
    void loadInto(Backbone backbone, Block part) {
        if (resolved.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (read == null) {
                read = KerasWeightFile.read(resolved.get().file());
            }
        }
        KerasWeights.load(read, backbone, part);
    }

    /** Identifies the weights in results: equal descriptions mean equal starting weights. */
    Map<String, String> describe() {
        return description;
    }
}
