package org.biradsrepro.backbone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.biradsrepro.config.ReproConfig;

/**
 * The backbones that exist, by the ids the settings use. Each entry builds a fresh backbone at full size (the
 * published network) or at fixture scale (the same design, shrunk to run on two CPU cores in minutes).
 */
public final class BackboneRegistry {

    /** How one family builds its full-size and its fixture-scale variant. */
    public record Entry(String id, Supplier<Backbone> fullSize, Supplier<Backbone> fixtureScale) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register(new Entry("resnet152", () -> ResNet.build(ResNet.RESNET152), () -> ResNet.build(ResNet.RESNET152_FIXTURE)));
        register(new Entry("inceptionv3", () -> InceptionV3.build(InceptionV3.INCEPTION_V3), () -> InceptionV3.build(InceptionV3.INCEPTION_V3_FIXTURE)));
        register(new Entry("nasnetlarge", () -> NASNet.build(NASNet.LARGE), () -> NASNet.build(NASNet.LARGE_FIXTURE)));
        register(new Entry("nasnetmobile", () -> NASNet.build(NASNet.MOBILE), () -> NASNet.build(NASNet.MOBILE_FIXTURE)));
    }

    private BackboneRegistry() {}

    private static void register(Entry e) {
        ENTRIES.put(e.id(), e);
    }

    public static List<String> builtIds() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The entry for an id; an id of the paper that is not built yet, or an unknown id, fails and lists what exists. */
    public static Entry require(String id) {
        Entry e = ENTRIES.get(id);
        if (e == null) {
            String why = ReproConfig.PAPER_BACKBONES.contains(id)
                    ? "Backbone '" + id + "' is one of the paper's six but is not built yet"
                    : "Unknown backbone '" + id + "'";
            throw new IllegalArgumentException(why + ". Built backbones: " + String.join(", ", builtIds())
                    + " (repro.backbones takes a comma list of them).");
        }
        return e;
    }

    public static Backbone build(String id, boolean fullSize) {
        Entry e = require(id);
        return fullSize ? e.fullSize().get() : e.fixtureScale().get();
    }
}
