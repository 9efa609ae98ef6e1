package org.biradsrepro.results;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Writes and reads the results folder. Field order follows the records, so equal results give equal bytes. */
public final class ResultsFiles {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private ResultsFiles() {}

    /** A results file's name: {@code <backbone>-split<k>.json}. */
    private static final Pattern RUN_FILE = Pattern.compile(".+-split\\d+\\.json");

    /** The suffix of a results file being written; such a file is never read, and a later session deletes it. */
    static final String PARTIAL = ".tmp";

    /**
     * Writes a results file atomically: to a temporary file, forced to disk, then moved over the name. A reader, or a
     * session restarted after the process was killed at any moment, sees the old file, the whole new file or none;
     * never half of one (forcing first keeps that true across a power loss on file systems that order the data and
     * the rename independently).
     */
    public static Path write(Path resultsDir, RunResult result) {
        Path tmp = resultsDir.resolve(result.fileName() + PARTIAL);
        boolean moved = false;
        try {
            Files.createDirectories(resultsDir);
            Path file = resultsDir.resolve(result.fileName());
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 Writer w = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8))) {
                GSON.toJson(result, w);
                w.write('\n');
                w.flush();
                channel.force(true);
            }
            Path written = Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write results to " + resultsDir.toAbsolutePath() + ": " + e.getMessage(), e);
        } finally {
            if (!moved) { // a failure part-way (a value JSON cannot hold, a full disk) leaves the old file, not half a new one
                deleteQuietly(tmp);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover *.json.tmp is never read, and the next session deletes it
        }
    }

    /** The results files ({@code <backbone>-split<k>.json}) in a folder, sorted by name; none when it does not exist. */
    public static List<Path> runFiles(Path resultsDir) {
        return list(resultsDir, RUN_FILE.asMatchPredicate());
    }

    /** Deletes files a killed writer left half-written ({@code *.json.tmp}); nothing ever reads them. */
    public static void deletePartial(Path resultsDir) {
        deletePartial(resultsDir, name -> true);
    }

    /**
     * Deletes the half-written files of the results files {@code owned} accepts (by the finished file's name), leaving
     * those of another shard writing into the same folder alone.
     */
    public static void deletePartial(Path resultsDir, Predicate<String> owned) {
        delete(list(resultsDir, name -> name.endsWith(".json" + PARTIAL)
                && owned.test(name.substring(0, name.length() - PARTIAL.length()))), resultsDir);
    }

    private static List<Path> list(Path dir, Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> name.test(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static void delete(List<Path> files, Path dir) {
        try {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete old results in " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the results files ({@code *-split*.json}) in a folder, leaving anything else there alone. */
    public static void clear(Path resultsDir) {
        delete(runFiles(resultsDir), resultsDir);
    }

    /** The fields {@link #withoutTimings} leaves out, as JSON paths. */
    public static final List<String> TIMINGS = List.of("createdAt", "training.seconds", "training.imagesPerSecond",
            "machine.shard");

    /**
     * A results file as a JSON tree without what legitimately differs between two runs of one configuration, so
     * that equal trees mean equal results: {@link #TIMINGS} (when the file was written, how long training took,
     * which shard ran it). Everything else, every number and every other provenance field, is kept.
     */
    public static JsonObject withoutTimings(RunResult result) {
        return without(tree(result), TIMINGS);
    }

    /** A results file as the JSON tree it is written as. */
    static JsonObject tree(RunResult result) {
        return GSON.toJsonTree(result).getAsJsonObject();
    }

    /** {@code tree} with the fields at {@code paths} removed ({@link #remove}), changed in place and returned. */
    public static JsonObject without(JsonObject tree, List<String> paths) {
        paths.forEach(path -> remove(tree, path));
        return tree;
    }

    /**
     * Removes the field at a dot-separated {@code path} ({@code training.seconds}); a key that holds dots itself, as
     * the configuration's {@code repro.*} keys do, is matched whole ({@code config.repro.dataset}). Says whether the
     * field was there.
     */
    public static boolean remove(JsonObject tree, String path) {
        if (tree.has(path)) {
            tree.remove(path);
            return true;
        }
        int dot = path.indexOf('.');
        if (dot < 0 || !(tree.get(path.substring(0, dot)) instanceof JsonObject child)) {
            return false;
        }
        return remove(child, path.substring(dot + 1));
    }

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
