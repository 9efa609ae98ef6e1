package org.biradsrepro.context;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a session's numbers depend on besides the data and the starting weights: the settings, the versions (the
 * code's identity among them) and the machine. Read once per session; every results file, the check of finished
 * runs and the feature cache's key take their values from it.
 *
 * @param settings the configuration echo: {@code repro.*} keys and values, optimizer, loss
 * @param versions suite, commit, code fingerprint, DJL, engine, Java
 * @param machine device, CPU, engine threads, allocator and the rest of where the session runs
 */
public record RunContext(Map<String, String> settings, Versions versions, Machine machine) {

    public RunContext {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings)); // in the echo's order
    }
}
