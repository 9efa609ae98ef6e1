package org.biradsrepro.backbone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The backbones that exist, by the ids the settings use. Each entry builds a fresh backbone at full size (the
 * published network) or at fixture scale (the same design, shrunk to run on two CPU cores in minutes), in one of
 * its variants ({@code repro.regnetVariant}, {@code repro.mobilenetv3Variant}); families with one variant ignore it.
 * At fixture scale MobileNetV3 shrinks either size, while RegNet's one small design stands for its default variant
 * alone and the others are refused (as {@code ReproConfig.FIXTURE_VARIANTS} says, before any work).
 */
public final class BackboneRegistry {

    /** Builds one variant of a family, at full size or at fixture scale. */
    @FunctionalInterface
    public interface Factory {
        Backbone build(String variant, boolean fullSize);
    }

    /**
     * How one family builds its variants.
     *
     * @param variants the variant names the factory accepts, the default first
     */
    public record Entry(String id, List<String> variants, Factory factory) {
        public Entry {
            variants = List.copyOf(variants);
            if (variants.isEmpty()) {
                throw new IllegalArgumentException("backbone " + id + " needs at least one variant");
            }
        }

        /** A family with a single variant, named like the family. */
        public Entry(String id, Supplier<Backbone> fullSize, Supplier<Backbone> fixtureScale) {
            this(id, List.of(id), (variant, full) -> (full ? fullSize : fixtureScale).get());
        }

        public String defaultVariant() {
            return variants.get(0);
        }

        public Backbone build(String variant, boolean fullSize) {
            if (!variants.contains(variant)) {
                throw new IllegalArgumentException("Backbone '" + id + "' has no variant '" + variant + "'; known: "
                        + String.join(", ", variants) + ".");
            }
            return factory.build(variant, fullSize);
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    // In the paper's Table 2 order, which is the order describe and the default run use.
    static {
        register(new Entry("regnet", regnetKeys(), (variant, full) -> {
            RegNet.Design d = RegNet.design(variant);
            if (full) {
                return RegNet.build(d);
            }
            // One small design stands for the default alone: building it for another choice would mislabel the run.
            if (!variant.equals(RegNet.DEFAULT_KEY)) {
                throw new IllegalArgumentException("repro.regnetVariant='" + variant + "' has no fixture-scale RegNet: "
                        + "the fixture stands for " + RegNet.DEFAULT_KEY + " alone; build " + variant + " at full size.");
            }
            return RegNet.build(RegNet.fixture(d.type()), RegNet.fixture(d.type()).modelName() + "-fixture");
        }));
        register(new Entry("resnet152", () -> ResNet.build(ResNet.RESNET152), () -> ResNet.build(ResNet.RESNET152_FIXTURE)));
        register(new Entry("mobilenetv3", List.of("large", "small"), (variant, full) -> {
            MobileNetV3.Size size = MobileNetV3.Size.parse(variant);
            return MobileNetV3.build(full ? MobileNetV3.Variant.of(size) : MobileNetV3.Variant.fixture(size));
        }));
        register(new Entry("inceptionv3", () -> InceptionV3.build(InceptionV3.INCEPTION_V3), () -> InceptionV3.build(InceptionV3.INCEPTION_V3_FIXTURE)));
        register(new Entry("nasnetlarge", () -> NASNet.build(NASNet.LARGE), () -> NASNet.build(NASNet.LARGE_FIXTURE)));
        register(new Entry("nasnetmobile", () -> NASNet.build(NASNet.MOBILE), () -> NASNet.build(NASNet.MOBILE_FIXTURE)));
    }

    private BackboneRegistry() {}

    private static List<String> regnetKeys() {
        List<String> keys = new ArrayList<>(RegNet.DESIGNS.keySet());
        keys.remove(RegNet.DEFAULT_KEY);
        keys.add(0, RegNet.DEFAULT_KEY);
        return keys;
    }

    private static void register(Entry e) {
        ENTRIES.put(e.id(), e);
    }

    public static List<String> builtIds() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The entry for an id; an unknown id fails and lists the ids that exist. */
    public static Entry require(String id) {
        Entry e = ENTRIES.get(id);
        if (e == null) {
            throw new IllegalArgumentException("Unknown backbone '" + id + "'. Backbones: " + String.join(", ", builtIds())
                    + " (repro.backbones takes a comma list of them).");
        }
        return e;
    }

    /** The family's default variant. */
    public static Backbone build(String id, boolean fullSize) {
        Entry e = require(id);
        return e.build(e.defaultVariant(), fullSize);
    }

    public static Backbone build(String id, String variant, boolean fullSize) {
        return require(id).build(variant, fullSize);
    }
}
