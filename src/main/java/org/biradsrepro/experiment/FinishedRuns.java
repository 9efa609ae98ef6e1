package org.biradsrepro.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.biradsrepro.config.IncompatibleResultsPolicy;
import org.biradsrepro.progress.Console;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunOrigin;
import org.biradsrepro.results.RunResult;

/**
 * The finished backbone x split runs a session finds in its results folder when it opens, and what it does with
 * them: every results file is self-describing (settings, dataset fingerprint, weights, versions, machine), so each
 * is compared with what the session would write ({@link RunOrigin}).
 * <ul>
 *   <li>All agree: the runs are reused as they are (their files are not touched) and only the missing ones are
 *       trained. A run is deterministic on one machine, so this ends where an uninterrupted run would have.</li>
 *   <li>Inputs differ (a setting's value, the dataset's content, the starting weights): the session stops before
 *       any work, naming each difference, unless {@code repro.onIncompatibleResults=restart}, which deletes them.</li>
 *   <li>The environment differs (the code, a version, the CPU): they are deleted and everything is computed again,
 *       announced; no setting makes them resumable, and a mixed folder would be wrong.</li>
 *   <li>A file that cannot be read as results, or whose contents do not match its name, is announced, deleted and
 *       computed again; a half-written file ({@code *.json.tmp}, left by a killed writer) is deleted unread.</li>
 * </ul>
 * Nothing is deleted before every check has passed, and nothing is ever replaced piecemeal: a folder holds the runs
 * of one origin.
 */
final class FinishedRuns {

    /** A results file that was read and matches its name. */
    private record Found(Path file, RunResult result) {}

    private final Path dir;
    private final Predicate<String> owned;
    private final List<Found> found;
    private final Map<Path, String> damaged;

    private FinishedRuns(Path dir, Predicate<String> owned, List<Found> found, Map<Path, String> damaged) {
        this.dir = dir;
        this.owned = owned;
        this.found = List.copyOf(found);
        this.damaged = Map.copyOf(damaged);
    }

    /** Reads every results file in {@code dir} (none when it does not exist), keeping those that cannot be used apart. */
    static FinishedRuns read(Path dir) {
        return read(dir, name -> true);
    }

    /**
     * Reads the results files in {@code dir} whose names {@code owned} accepts: a shard's own cells, when shards share
     * one folder; the other files are not this session's to read, reuse or delete.
     */
    static FinishedRuns read(Path dir, Predicate<String> owned) {
        List<Found> found = new ArrayList<>();
        Map<Path, String> damaged = new LinkedHashMap<>();
        for (Path file : ResultsFiles.runFiles(dir)) {
            if (!owned.test(file.getFileName().toString())) {
                continue;
            }
            try {
                RunResult r = ResultsFiles.read(file);
                if (!r.fileName().equals(file.getFileName().toString())) {
                    damaged.put(file, "it holds " + r.backbone() + " split " + r.split() + ", which belongs in " + r.fileName());
                } else {
                    found.add(new Found(file, r));
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                damaged.put(file, e.getMessage());
            }
        }
        return new FinishedRuns(dir, owned, found, damaged);
    }

    /**
     * The cheap check, made before any work (weights, decoding): the settings echo alone. Throws when a finished run
     * recorded another value of a setting and the policy is {@code fail}.
     */
    void checkSettings(Map<String, String> settings, IncompatibleResultsPolicy policy) {
        if (policy == IncompatibleResultsPolicy.FAIL) {
            Map<RunOrigin.Difference, Set<String>> inputs = differences(found,
                    f -> RunOrigin.of(f.result()).settingDifferences(settings));
            if (!inputs.isEmpty()) {
                throw incompatible(inputs);
            }
        }
    }

    /**
     * Decides, with everything known, what the session does with the folder; deletes what it will not use (after
     * every check has passed) and says so on {@code console}.
     *
     * @param now the origin the session would record for a backbone's runs
     * @return the reused runs by backbone and split ({@code <backbone>#<split>})
     */
    Map<String, RunResult> resume(Function<String, RunOrigin> now, IncompatibleResultsPolicy policy, Console console) {
        ResultsFiles.deletePartial(dir, owned);
        Map<RunOrigin.Difference, Set<String>> inputs = differences(found,
                f -> RunOrigin.of(f.result()).inputDifferences(now.apply(f.result().backbone())));
        Map<RunOrigin.Difference, Set<String>> environment = differences(found,
                f -> RunOrigin.of(f.result()).environmentDifferences(now.apply(f.result().backbone())));
        if (!inputs.isEmpty() && policy == IncompatibleResultsPolicy.FAIL) {
            throw incompatible(inputs);
        }
        damaged.forEach((file, why) -> console.note(file.toAbsolutePath() + " cannot be used (" + why
                + "); it is deleted, and its run computed again if this session has it."));
        damaged.keySet().forEach(FinishedRuns::delete);
        if (!inputs.isEmpty() || !environment.isEmpty()) {
            String why = inputs.isEmpty() ? "made by other code or on another machine: none can be resumed"
                    : "made from other settings, data or weights, and repro.onIncompatibleResults=restart";
            console.note(finishedRuns(found.size()) + " in " + dir.toAbsolutePath() + " deleted ("
                    + why + "); every run is computed again. What differs:\n  "
                    + String.join("\n  ", describe(inputs.isEmpty() ? environment : inputs)));
            found.forEach(f -> delete(f.file()));
            return Map.of();
        }
        Map<String, RunResult> reused = new LinkedHashMap<>();
        found.forEach(f -> reused.put(runKey(f.result().backbone(), f.result().split()), f.result()));
        if (!reused.isEmpty()) {
            console.note("reusing " + finishedRuns(reused.size()) + " from " + dir.toAbsolutePath() + " (same settings, data, weights, code and machine): "
                    + found.stream().map(f -> f.file().getFileName().toString()).collect(Collectors.joining(", ")));
        }
        return reused;
    }

    /** Each difference once, with the files that show it, in the order first seen. */
    private static Map<RunOrigin.Difference, Set<String>> differences(List<Found> found,
                                                                     Function<Found, List<RunOrigin.Difference>> of) {
        Map<RunOrigin.Difference, Set<String>> all = new LinkedHashMap<>();
        for (Found f : found) {
            for (RunOrigin.Difference d : of.apply(f)) {
                all.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(f.file().getFileName().toString());
            }
        }
        return all;
    }

    private IncompatibleResultsException incompatible(Map<RunOrigin.Difference, Set<String>> differences) {
        return new IncompatibleResultsException("The results folder " + dir.toAbsolutePath() + " holds "
                + finishedRuns(found.size()) + " made from other inputs; this run stops before "
                + "any work rather than mix them with its own:\n  " + String.join("\n  ", describe(differences))
                + "\nRun again with the settings they record (each file's \"config\"), choose another repro.reportDir, "
                + "or set repro.onIncompatibleResults=restart to delete them and start over.");
    }

    private List<String> describe(Map<RunOrigin.Difference, Set<String>> differences) {
        return differences.entrySet().stream().map(e -> e.getKey() + " (" + (e.getValue().size() == found.size()
                && found.size() > 1 ? "all " + found.size() + " files" : String.join(", ", e.getValue())) + ")").toList();
    }

    private static String finishedRuns(int n) {
        return n + " finished run" + (n == 1 ? "" : "s");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The key of a backbone x split among the runs a session memoises and {@link #resume} returns. */
    static String runKey(String backbone, int splitIndex) {
        return backbone + "#" + splitIndex;
    }
}
