package org.biradsrepro.context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versions of everything that computes a figure, as results record them ({@link #toMap()}, the keys results
 * files have always had). {@code commit} names the checkout but cannot tell a modified tree from a clean one;
 * {@code code} can: the SHA-256 of the classes and resources that run (cache.CodeIdentity) and the build file.
 *
 * @param project this suite's version
 * @param commit the checked-out commit, or {@code unknown}
 * @param code the fingerprint of the code that runs, or {@code unknown}
 * @param djl DJL's version
 * @param engine the engine's name and version, e.g. {@code PyTorch 2.7.1}
 * @param java the JVM's version and vendor
 */
public record Versions(String project, String commit, String code, String djl, String engine, String java) {

    /** The key under which results hold {@link #code}; results.RunOrigin compares it. */
    public static final String CODE = "code";
    public static final String DJL = "djl";
    public static final String ENGINE = "engine";

    public Map<String, String> toMap() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("birads-repro", project);
        v.put("commit", commit);
        v.put(CODE, code);
        v.put(DJL, djl);
        v.put(ENGINE, engine);
        v.put("java", java);
        return v;
    }
}
