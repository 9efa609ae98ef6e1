package org.biradsrepro.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a backbone's weights come from ({@code repro.weights}). The paper fine-tuned ImageNet-pretrained backbones;
 * {@code random} is what the suite could do before weight files were loaded.
 *
 * @param kind where the weights come from
 * @param file the Keras {@code .h5} file; present exactly when {@code kind} is {@link Kind#FILE}
 */
public record BackboneWeights(Kind kind, Optional<Path> file) {

    /** The sources of weights. */
    public enum Kind {
        /** Seeded Glorot-uniform initialisation, Keras' default for an untrained layer. */
        RANDOM,
        /** Keras Applications' ImageNet weight files, as the paper used. */
        IMAGENET,
        /** The small pretrained weights shipped in {@code fixtures/backbone-weights}, for the fixture networks. */
        FIXTURE,
        /** One Keras {@code .h5} file given by path. */
        FILE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final BackboneWeights RANDOM = new BackboneWeights(Kind.RANDOM, Optional.empty());
    public static final BackboneWeights IMAGENET = new BackboneWeights(Kind.IMAGENET, Optional.empty());
    public static final BackboneWeights FIXTURE = new BackboneWeights(Kind.FIXTURE, Optional.empty());

    public BackboneWeights {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        if (file.isPresent() != (kind == Kind.FILE)) {
            throw new IllegalArgumentException("a weights file goes with kind FILE alone, not " + kind + " " + file);
        }
    }

    /** Weights from one Keras {@code .h5} file. */
    public static BackboneWeights file(Path h5) {
        return new BackboneWeights(Kind.FILE, Optional.of(h5));
    }

    /**
     * {@code random}, {@code imagenet} or {@code fixture} (any case), else the path of a file, resolved against
     * {@code projectDir}. Whether the file exists is checked when the config is built.
     */
    public static BackboneWeights parse(String text, Path projectDir) {
        String t = text.trim();
        for (Kind k : Kind.values()) {
            if (k != Kind.FILE && k.id().equals(t.toLowerCase(Locale.ROOT))) {
                return new BackboneWeights(k, Optional.empty());
            }
        }
        return file(projectDir.resolve(t).normalize());
    }

    /** The text that parses back to these weights: the kind's name, or the file's path. */
    public String id() {
        return file.map(Path::toString).orElse(kind.id());
    }
}
