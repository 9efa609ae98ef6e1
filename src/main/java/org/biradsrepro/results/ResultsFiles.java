package org.biradsrepro.results;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Writes and reads the results folder. Field order follows the records, so equal results give equal bytes. */
public final class ResultsFiles {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private ResultsFiles() {}

    public static Path write(Path resultsDir, RunResult result) {
        try {
            Files.createDirectories(resultsDir);
            Path file = resultsDir.resolve(result.fileName());
            Path tmp = resultsDir.resolve(result.fileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                GSON.toJson(result, w);
                w.write('\n');
            }
            // Replace atomically so a reader (or an interrupted run) never sees half a file.
            return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write results to " + resultsDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the results files ({@code *-split*.json}) in a folder, leaving anything else there alone. */
    public static void clear(Path resultsDir) {
        if (!Files.isDirectory(resultsDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(resultsDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches(".+-split\\d+\\.json")).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear old results in " + resultsDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the results files of these cells alone: a shard's, leaving other shards' files in a shared folder. */
    public static void clear(Path resultsDir, Collection<Cell> cells) {
        try {
            for (Cell c : cells) {
                Files.deleteIfExists(resultsDir.resolve(c.fileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear old results in " + resultsDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A results file as a JSON tree without what legitimately differs between two runs of one configuration, so
     * that equal trees mean equal results: {@link #TIMINGS} (when the file was written, how long training took,
     * which shard ran it). Everything else, every number and every other provenance field, is kept.
     */
    public static JsonObject withoutTimings(RunResult result) {
        JsonObject tree = GSON.toJsonTree(result).getAsJsonObject();
        tree.remove("createdAt");
        JsonObject training = tree.getAsJsonObject("training");
        training.remove("seconds");
        training.remove("imagesPerSecond");
        tree.getAsJsonObject("machine").remove("shard");
        return tree;
    }

    /** The fields {@link #withoutTimings} leaves out, as JSON paths. */
    public static final List<String> TIMINGS = List.of("createdAt", "training.seconds", "training.imagesPerSecond",
            "machine.shard");

    public static RunResult read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            RunResult result = GSON.fromJson(r, RunResult.class);
            if (result == null || result.backbone() == null || result.variants() == null) {
                throw new JsonParseException("missing backbone or variants");
            }
            for (String v : new String[] {RunResult.BASELINE, RunResult.IMPROVED}) {
                if (result.variants().get(v) == null || result.variants().get(v).metrics() == null) {
                    throw new JsonParseException("variants." + v + ".metrics is missing");
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read results file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("Results file " + file.toAbsolutePath() + " is not a birads-repro results file: "
                    + e.getMessage(), e);
        }
    }

    /** Every {@code *.json} in the folder, sorted by backbone then split. */
    public static List<RunResult> readAll(Path resultsDir) {
        if (!Files.isDirectory(resultsDir)) {
            throw new IllegalArgumentException("No results folder at " + resultsDir.toAbsolutePath()
                    + ": run ./mvnw verify (or the 'run' command) first.");
        }
        List<RunResult> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(resultsDir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().forEach(f -> all.add(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.sort(Comparator.comparing(RunResult::backbone).thenComparingInt(RunResult::split));
        return all;
    }
}
