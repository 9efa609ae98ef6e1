package org.biradsrepro.claims;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import org.biradsrepro.results.Cell;
import org.biradsrepro.results.RunResult;

/**
 * Writes {@code claims.json} beside the results folder (not inside it: every {@code *.json} there is a run):
 * the rule, every verdict with its numbers, the combined verdicts and the epoch diagnostics. Numbers that are not
 * finite (undefined ones, and the infinite t statistic of equal nonzero differences, whose p-value says the same)
 * are written as {@code null}, as undefined values are in the results files, so any strict JSON reader takes it.
 */
public final class ClaimsFile {

    public static final String FILE_NAME = "claims.json";

    private static final TypeAdapter<Double> NAN_AS_NULL = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                out.nullValue();
            } else {
                out.value(value);
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return Double.NaN;
            }
            return in.nextDouble();
        }
    };

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .registerTypeAdapter(double.class, NAN_AS_NULL).registerTypeAdapter(Double.class, NAN_AS_NULL).create();

    /** The file's contents; {@code coverage} says which cells the verdicts were drawn from. */
    public record Contents(String rule, String pairing, Coverage coverage, List<ClaimVerdict> claims,
                           List<OverallVerdict> backbones, OverallVerdict paper, List<EpochDiagnostics> diagnostics) {}

    /**
     * Which backbone x split cells the verdicts judge, and which of those the results' configuration asks for are
     * not among them (a shard's results, or an unfinished run): verdicts on an incomplete matrix judge only what ran.
     *
     * @param cells the cells judged, e.g. {@code resnet152 split 2}, in backbone then split order
     * @param missing the configuration's cells that are not judged (none known when the results do not echo
     *     {@code repro.backbones} and {@code repro.splits})
     * @param complete whether {@code missing} is empty
     */
    public record Coverage(List<String> cells, List<String> missing, boolean complete) {

        /** The coverage of a set of results against the configuration they echo. */
        public static Coverage of(List<RunResult> results) {
            List<Cell> ran = results.stream().map(Cell::of)
                    .sorted(Comparator.comparing(Cell::backbone).thenComparingInt(Cell::split)).toList();
            // Files that do not echo repro.backbones and repro.splits (hand-made, or older) say nothing of what is missing.
            List<Cell> expected = results.isEmpty() || !Cell.isKnown(results.get(0).config()) ? List.of()
                    : Cell.expected(results.get(0).config());
            List<String> missing = expected.stream().filter(c -> !ran.contains(c)).map(Cell::toString).toList();
            return new Coverage(ran.stream().map(Cell::toString).toList(), missing, missing.isEmpty());
        }
    }

    private ClaimsFile() {}

    /** Judges {@code results} and collects everything the file holds. */
    public static Contents of(List<RunResult> results) {
        List<ClaimVerdict> verdicts = Claims.evaluate(results);
        String pairing = results.stream().allMatch(RunResult::isPaired) ? RunResult.PAIRED
                : results.stream().noneMatch(RunResult::isPaired) ? RunResult.INDEPENDENT : "mixed";
        return new Contents(Claims.RULE, pairing, Coverage.of(results), verdicts, Claims.perBackbone(verdicts), Claims.paperClaim(verdicts),
                EpochDiagnostics.perBackbone(results));
    }

    /** Reads a file written by {@link #write}; {@code null} numbers come back as NaN. */
    public static Contents read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return GSON.fromJson(r, Contents.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public static Path write(Path reportDir, Contents contents) {
        try {
            Files.createDirectories(reportDir);
            Path file = reportDir.resolve(FILE_NAME);
            Path tmp = reportDir.resolve(FILE_NAME + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                GSON.toJson(contents, w);
                w.write('\n');
            }
            return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + FILE_NAME + " to " + reportDir.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }
}
