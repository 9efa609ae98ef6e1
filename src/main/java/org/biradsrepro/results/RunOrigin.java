package org.biradsrepro.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.biradsrepro.context.Machine;
import org.biradsrepro.context.Versions;

/**
 * What a results file was made from and by, as far as it decides the file's numbers: a finished run is reused by a
 * later session only when the two origins agree. Two kinds of difference are told apart, because a user can act on
 * the first and not on the second:
 * <ul>
 *   <li><b>inputs</b>: the settings echo, the dataset's content fingerprint, the backbone's starting weights
 *       (source, file, SHA-256). The user chose them; a difference may be a mistake, and the results it would
 *       replace may have cost hours, so a run stops on it unless told to start over.</li>
 *   <li><b>environment</b>: the code (its fingerprint, {@code versions.code}, and commit), library, engine and Java
 *       versions, and the machine fields that can change a number ({@link #NUMERIC_MACHINE_KEYS}). Results made by
 *       other code or on another CPU cannot be resumed by this one whatever the user does, so they are computed
 *       again. Settings or weights fields that only one side records count here too: only another version of the
 *       code writes another set of them.</li>
 * </ul>
 *
 * @param settings the {@code config} echo ({@code repro.*} keys and values, optimizer, loss)
 * @param datasetFingerprint {@code dataset.fingerprint}: the content of the images used
 * @param weights the backbone's starting weights as the results record them
 * @param versions code, library, engine and Java versions
 * @param machine the machine as recorded; only {@link #NUMERIC_MACHINE_KEYS} are compared
 */
public record RunOrigin(Map<String, String> settings, String datasetFingerprint, Map<String, String> weights,
                        Map<String, String> versions, Map<String, String> machine) {

    /** Machine fields that can change a figure: {@link Machine#NUMERIC_KEYS}, the one list. */
    public static final List<String> NUMERIC_MACHINE_KEYS = Machine.NUMERIC_KEYS;

    /** The key under which {@code versions} holds the fingerprint of the code itself. */
    public static final String CODE = Versions.CODE;

    public RunOrigin {
        settings = present(settings);
        weights = present(weights);
        versions = present(versions);
        machine = present(machine);
        datasetFingerprint = Objects.toString(datasetFingerprint, NONE);
    }

    /** The origin a results file records. */
    public static RunOrigin of(RunResult r) {
        return new RunOrigin(r.config(), r.dataset() == null ? null : r.dataset().fingerprint(), r.weights(), r.versions(),
                r.machine());
    }

    /** One field that differs: what it is, the recorded value and the current one ({@code (none)} where absent). */
    public record Difference(String field, String was, String now) {
        @Override
        public String toString() {
            return field + ": was " + was + ", now " + now;
        }
    }

    /** Differences in what the user chose: values of settings both sides record, the dataset, the weights. */
    public List<Difference> inputDifferences(RunOrigin now) {
        List<Difference> d = new ArrayList<>(settingDifferences(now.settings));
        if (!datasetFingerprint.equals(now.datasetFingerprint)) {
            d.add(new Difference("dataset fingerprint (the images' content)", datasetFingerprint, now.datasetFingerprint));
        }
        d.addAll(commonValueDifferences("weights.", weights, now.weights));
        return d;
    }

    /** Values of settings both this origin and {@code now} record that differ: what a run can check before any work. */
    public List<Difference> settingDifferences(Map<String, String> now) {
        return commonValueDifferences("", settings, present(now));
    }

    /**
     * Differences in what computed the results: versions, the machine's numerics, and settings or weights fields
     * only one side records. A code fingerprint that is missing (files written before it existed) or could not
     * be taken ({@code unknown}) is a difference even when both sides lack it: unfingerprinted code is never trusted.
     */
    public List<Difference> environmentDifferences(RunOrigin now) {
        List<Difference> d = new ArrayList<>();
        for (String key : union(versions, now.versions)) {
            String was = versions.getOrDefault(key, NONE);
            String is = now.versions.getOrDefault(key, NONE);
            if (!was.equals(is) || key.equals(CODE) && !isFingerprint(is)) {
                d.add(new Difference("versions." + key, was, is));
            }
        }
        if (!versions.containsKey(CODE) && !now.versions.containsKey(CODE)) {
            d.add(new Difference("versions." + CODE, NONE, NONE));
        }
        for (String key : NUMERIC_MACHINE_KEYS) {
            String was = machine.getOrDefault(key, NONE);
            String is = now.machine.getOrDefault(key, NONE);
            if (!was.equals(is)) {
                d.add(new Difference("machine." + key, was, is));
            }
        }
        d.addAll(oneSidedKeys("", settings, now.settings));
        d.addAll(oneSidedKeys("weights.", weights, now.weights));
        return d;
    }

    private static final String NONE = "(none)";

    private static List<Difference> commonValueDifferences(String prefix, Map<String, String> was, Map<String, String> now) {
        List<Difference> d = new ArrayList<>();
        for (String key : union(was, now)) {
            if (was.containsKey(key) && now.containsKey(key) && !Objects.equals(was.get(key), now.get(key))) {
                d.add(new Difference(prefix + key, was.get(key), now.get(key)));
            }
        }
        return d;
    }

    private static List<Difference> oneSidedKeys(String prefix, Map<String, String> was, Map<String, String> now) {
        List<Difference> d = new ArrayList<>();
        for (String key : union(was, now)) {
            if (was.containsKey(key) != now.containsKey(key)) {
                d.add(new Difference(prefix + key, was.getOrDefault(key, NONE), now.getOrDefault(key, NONE)));
            }
        }
        return d;
    }

    /** Keys in a fixed order (sorted), so that messages list differences the same way every time. */
    private static TreeSet<String> union(Map<String, String> a, Map<String, String> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static boolean isFingerprint(String value) {
        return value != null && value.matches("[0-9a-f]{64}");
    }

    /** An immutable copy without null keys or values (a hand-edited file may hold them); null is empty. */
    private static Map<String, String> present(Map<String, String> m) {
        Map<String, String> copy = new TreeMap<>();
        if (m != null) {
            m.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }
}
