package org.biradsrepro.cache;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one rule by which a value computed earlier is trusted again, for decoded pixels (data.image.DecodeCache),
 * frozen features (train.FeatureStore, keyed by the feature pass's key in its computation) and finished results
 * (results.RunOrigin, which compares the same parts field by field to name what differs): a value is named by
 * <ul>
 *   <li>the stage that computed it;</li>
 *   <li>the code identity of exactly the packages that stage runs ({@link #codeOf}, from
 *       {@link CodeIdentity#byPackage}): an edit to a decoder or a preprocessing rule reaches decoded pixels,
 *       features and results, an edit to a backbone features and results but not decoded pixels; nothing is bumped
 *       by hand;</li>
 *   <li>the device it ran on: {@code jvm} for Java arithmetic, which gives the same bits on every machine,
 *       otherwise the engine's device ({@code cpu()}, {@code gpu(0)}), so a CPU and a GPU value never share a key
 *       whatever their batch sizes;</li>
 *   <li>its inputs: everything else it depends on, by name.</li>
 * </ul>
 *
 * @param stage what computed the value, e.g. {@code decoded image}
 * @param code package name to {@link CodeIdentity} of the packages the stage runs
 * @param device where it ran
 * @param inputs everything else the value depends on, by name
 */
public record CacheKey(String stage, SortedMap<String, String> code, String device, SortedMap<String, String> inputs) {

    /** The device of a value computed in Java: the language fixes its arithmetic, so every machine agrees. */
    public static final String JVM = "jvm";

    public CacheKey {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(device, () -> "the device of " + stage);
        if (code.isEmpty()) {
            throw new IllegalArgumentException("a cache key names the code that computed it: " + stage);
        }
        code = Collections.unmodifiableSortedMap(new TreeMap<>(code));
        inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
    }

    public CacheKey(String stage, Map<String, String> code, String device, Map<String, String> inputs) {
        this(stage, new TreeMap<>(code), device, new TreeMap<>(inputs));
    }

    /**
     * The identities, out of a program's ({@link CodeIdentity#byPackage}), of the packages of {@code runs}; a
     * package the program lacks is an error, never silently left out of a key.
     */
    public static SortedMap<String, String> codeOf(Map<String, String> program, List<Class<?>> runs) {
        SortedMap<String, String> code = new TreeMap<>();
        for (Class<?> c : runs) {
            String identity = program.get(c.getPackageName());
            if (identity == null) {
                throw new IllegalStateException("No code identity for " + c.getPackageName() + " (of " + c.getName()
                        + ") among the program's " + program.keySet());
            }
            code.put(c.getPackageName(), identity);
        }
        return code;
    }

    /** The key as text, the same for the same parts on every machine (maps in name order). */
    public String text() {
        return "stage=" + stage + ";device=" + device + ";code=" + code + ";inputs=" + inputs;
    }
}
