package org.biradsrepro.results;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Joins the results folders of the shards of one run (or of several machines) into one, after checking that they
 * belong together: the same configuration (where the dataset lies aside: its fingerprint must match instead),
 * the same dataset fingerprint, the same starting weights per backbone, the same code (project version, commit,
 * DJL and engine). Every cell the configuration asks for must be there once; a cell found twice is kept once when
 * the two files hold the same results ({@link #SAME_RESULTS_IGNORES}: a retried shard), and is a conflict
 * otherwise. All problems are reported together, each naming its files.
 */
public final class ResultsMerge {

    /** Versions that must agree: the code that computed the numbers. The JVM may differ; the page lists it. */
    static final List<String> CODE_VERSIONS = List.of("birads-repro", "commit", "djl", "engine");

    /**
     * What two files of one cell may differ in and still hold the same results: the timings
     * ({@link ResultsFiles#TIMINGS}), the machine, and where the dataset lay on it.
     */
    public static final List<String> SAME_RESULTS_IGNORES = List.of("createdAt", "training.seconds",
            "training.imagesPerSecond", "machine", "dataset.root", "config.repro.dataset");

    /** The results merged, in backbone then split order, and the file each came from. */
    public record Merged(List<RunResult> runs, Map<Cell, Path> files) {}

    private ResultsMerge() {}

    /**
     * The results of these folders (each a results folder, or a report folder holding {@code results/}), checked;
     * an {@link IllegalArgumentException} lists every problem found.
     */
    public static Merged merge(List<Path> folders) {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least one results folder");
        }
        List<String> problems = new ArrayList<>();
        Map<Cell, RunResult> byCell = new LinkedHashMap<>();
        Map<Cell, Path> files = new LinkedHashMap<>();
        RunResult reference = null;
        Path referenceFile = null;
        Map<String, RunResult> weightsReference = new LinkedHashMap<>();
        for (Path folder : folders) {
            Path dir = resultsDir(folder);
            List<RunResult> runs = ResultsFiles.readAll(dir);
            if (runs.isEmpty()) {
                problems.add("no results files in " + dir.toAbsolutePath());
            }
            for (RunResult r : runs) {
                Path file = dir.resolve(r.fileName());
                if (reference == null) {
                    reference = r;
                    referenceFile = file;
                }
                belongsTogether(reference, referenceFile, r, file, problems);
                RunResult sameBackbone = weightsReference.putIfAbsent(r.backbone(), r);
                if (sameBackbone != null && !sameBackbone.weights().equals(r.weights())) {
                    problems.add("different starting weights for " + r.backbone() + ": " + files.get(Cell.of(sameBackbone))
                            + " has " + sameBackbone.weights() + ", " + file + " has " + r.weights());
                }
                Cell cell = Cell.of(r);
                RunResult earlier = byCell.putIfAbsent(cell, r);
                if (earlier == null) {
                    files.put(cell, file);
                } else {
                    String difference = firstDifference(sameResultsView(earlier), sameResultsView(r), "");
                    if (difference != null) {
                        problems.add("CONFLICTING duplicate " + cell + ": " + files.get(cell) + " and " + file
                                + " differ at " + difference);
                    }
                }
            }
        }
        if (reference != null) {
            List<Cell> expected = Cell.expected(reference.config());
            List<Cell> missing = expected.stream().filter(c -> !byCell.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                problems.add("MISSING " + missing.size() + " of " + expected.size() + " cells: " + missing);
            }
            Set<Cell> asked = Set.copyOf(expected);
            byCell.keySet().stream().filter(c -> !asked.contains(c)).forEach(c -> problems.add("unexpected cell " + c
                    + " in " + files.get(c) + ": the configuration asks for " + expected));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The results folders " + folders + " do not merge:\n  "
                    + String.join("\n  ", problems));
        }
        List<RunResult> runs = byCell.values().stream()
                .sorted(java.util.Comparator.comparing(RunResult::backbone).thenComparingInt(RunResult::split)).toList();
        return new Merged(runs, files);
    }

    /** Copies the merged files, byte for byte, into {@code outResultsDir}, after clearing its old results. */
    public static void copy(Merged merged, Path outResultsDir) {
        try {
            Files.createDirectories(outResultsDir);
            ResultsFiles.clear(outResultsDir);
            for (Path f : merged.files().values()) {
                Files.copy(f, outResultsDir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write merged results to " + outResultsDir.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A report folder's {@code results/}, or the folder itself when it holds results files directly. */
    static Path resultsDir(Path folder) {
        Path inner = folder.resolve("results");
        return Files.isDirectory(inner) ? inner : folder;
    }

    private static void belongsTogether(RunResult ref, Path refFile, RunResult r, Path file, List<String> problems) {
        Map<String, String> a = new LinkedHashMap<>(ref.config());
        Map<String, String> b = new LinkedHashMap<>(r.config());
        a.remove("repro.dataset");
        b.remove("repro.dataset");
        if (!a.equals(b)) {
            List<String> keys = new ArrayList<>(a.keySet());
            b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
            keys.stream().filter(k -> !Objects.equals(a.get(k), b.get(k))).forEach(k -> problems.add(
                    "different configuration: " + refFile + " has " + k + "=" + a.get(k) + ", " + file + " has " + b.get(k)));
        }
        if (!Objects.equals(ref.dataset().fingerprint(), r.dataset().fingerprint())) {
            problems.add("different dataset: " + refFile + " has fingerprint " + ref.dataset().fingerprint() + ", "
                    + file + " has " + r.dataset().fingerprint());
        }
        for (String k : CODE_VERSIONS) {
            if (!Objects.equals(ref.versions().get(k), r.versions().get(k))) {
                problems.add("different code: " + refFile + " has " + k + " " + ref.versions().get(k) + ", " + file
                        + " has " + r.versions().get(k));
            }
        }
    }

    /** A results file as JSON without {@link #SAME_RESULTS_IGNORES}. */
    static JsonObject sameResultsView(RunResult r) {
        return ResultsFiles.without(ResultsFiles.tree(r), SAME_RESULTS_IGNORES);
    }

    /** The JSON path of the first place two trees differ, or null when they are equal. */
    static String firstDifference(JsonElement a, JsonElement b, String path) {
        if (a.equals(b)) {
            return null;
        }
        if (a.isJsonObject() && b.isJsonObject()) {
            Set<String> keys = new java.util.LinkedHashSet<>(a.getAsJsonObject().keySet());
            keys.addAll(b.getAsJsonObject().keySet());
            for (String k : keys) {
                JsonElement x = a.getAsJsonObject().get(k);
                JsonElement y = b.getAsJsonObject().get(k);
                if (x == null || y == null) {
                    return join(path, k) + " (present in one file only)";
                }
                String d = firstDifference(x, y, join(path, k));
                if (d != null) {
                    return d;
                }
            }
        }
        if (a.isJsonArray() && b.isJsonArray() && a.getAsJsonArray().size() == b.getAsJsonArray().size()) {
            for (int i = 0; i < a.getAsJsonArray().size(); i++) {
                String d = firstDifference(a.getAsJsonArray().get(i), b.getAsJsonArray().get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
        }
        return path + " (" + abbreviate(a) + " vs " + abbreviate(b) + ")";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String abbreviate(JsonElement e) {
        String s = e.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
