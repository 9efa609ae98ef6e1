package org.biradsrepro.results;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run's time went: {@code timings.json} in the report folder, written at the end of {@code run}, shown in
 * the report's benchmark section.
 *
 * @param schema this file's version
 * @param finished when the run ended, ISO-8601 UTC
 * @param wallSeconds the whole run, from the start of the scan to the page
 * @param peakResidentBytes the process's peak resident memory (Linux {@code VmHWM}), or null where unknown
 * @param stages per stage kind and subject, in the order they finished
 * @param run what ran: profile, backbones, splits, images, image size, weights, threads
 * @param machine CPU model, cores, memory, operating system
 * @param versions of the suite and what it runs on
 */
public record Timings(int schema, String finished, double wallSeconds, Long peakResidentBytes, List<Stage> stages,
                      Map<String, String> run, Map<String, String> machine, Map<String, String> versions) {

    public static final String FILE_NAME = "timings.json";
    public static final int SCHEMA = 1;

    /**
     * One row: a kind of stage for one subject.
     *
     * @param stage scan, decode, features, training, evaluation or report
     * @param subject a backbone id, or "" for stages of the whole run
     * @param times how many times it ran (training: once per split)
     * @param imagesPerSecond images over seconds; 0 when no image was counted
     */
    public record Stage(String stage, String subject, double seconds, long images, int times, double imagesPerSecond) {}

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    /** Written beside and moved into place, so that a reader never sees half a file. */
    public static Path write(Path reportDir, Timings timings) {
        Path file = reportDir.resolve(FILE_NAME);
        Path tmp = reportDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(reportDir);
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                GSON.toJson(timings, w);
                w.write('\n');
            }
            return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The report folder's timings, or empty when it has none. */
    public static Optional<Timings> read(Path reportDir) {
        Path file = reportDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Timings t = GSON.fromJson(r, Timings.class);
            if (t == null || t.stages() == null || t.schema() != SCHEMA) {
                throw new IllegalArgumentException(file.toAbsolutePath() + " is not a timings file of schema " + SCHEMA);
            }
            return Optional.of(t);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
