package org.biradsrepro.claims;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;

/**
 * Writes {@code claims.json} beside the results folder (not inside it: every {@code *.json} there is a run):
 * a schema version, the rule, every verdict with its numbers, the pooled and combined verdicts, the epoch
 * diagnostics and the controls. Numbers that are not
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

    /**
     * The version of this file's layout. 1: verdicts REPRODUCED / NOT REPRODUCED / INCONCLUSIVE / UNINFORMATIVE by the
     * sign of the mean; 2: the rule of {@link Claims#RULE} (not exercised, reproduced by two tests, gain ruled out,
     * undetectable with the minimum detectable effect), pooled claims, Holm-adjusted p-values, the controls and the
     * decomposition of the paper's gain.
     */
    public static final int SCHEMA_VERSION = 2;

    /**
     * The file's contents.
     *
     * @param schemaVersion {@link #SCHEMA_VERSION} when written
     * @param rule {@link Claims#RULE}
     * @param primaryMetric the metric declared primary ({@link Claims#PRIMARY})
     * @param pairing {@code paired}, {@code independent} or {@code mixed}
     * @param coverage which cells the verdicts were drawn from
     * @param claims one verdict per backbone x metric
     * @param pooled one verdict per metric on the mean over the backbones
     * @param backbones each backbone's six metrics combined
     * @param paper the paper's claim
     * @param diagnostics per backbone and split: kept and last epoch, early stopping, the chance check
     * @param controls the pipeline's controls, judged apart from the paper's claims (none when none ran)
     * @param decomposition per backbone x metric, the checkpoint effect beside run-to-run variance (none without
     *     {@code repro.replicates} of 2 or more)
     */
    public record Contents(int schemaVersion, String rule, String primaryMetric, String pairing, Coverage coverage,
                           List<ClaimVerdict> claims, List<ClaimVerdict> pooled, List<OverallVerdict> backbones,
                           OverallVerdict paper, List<EpochDiagnostics> diagnostics, List<ControlVerdict> controls,
                           List<Decomposition> decomposition) {}

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

    /** Judges {@code results}, without controls, and collects everything the file holds. */
    public static Contents of(List<RunResult> results) {
        return of(results, List.of());
    }

    /** Judges {@code results} and collects everything the file holds, the controls' verdicts beside them. */
    public static Contents of(List<RunResult> results, List<ControlVerdict> controls) {
        List<ClaimVerdict> verdicts = Claims.evaluate(results);
        String pairing = results.stream().allMatch(RunResult::isPaired) ? RunResult.PAIRED
                : results.stream().noneMatch(RunResult::isPaired) ? RunResult.INDEPENDENT : "mixed";
        return new Contents(SCHEMA_VERSION, Claims.RULE, Claims.PRIMARY.key(), pairing, Coverage.of(results), verdicts,
                Claims.pooled(results), Claims.perBackbone(verdicts), Claims.paperClaim(verdicts),
                EpochDiagnostics.perBackbone(results), List.copyOf(controls), Decomposition.of(results));
    }

    /**
     * Reads a file written by {@link #write}; {@code null} numbers come back as NaN. A file of an older layout is
     * refused, naming its version: its verdict words meant something else, and it is rebuilt from the results files
     * it was drawn from ({@code report DIR}).
     */
    public static Contents read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonObject json = JsonParser.parseReader(r).getAsJsonObject();
            int version = json.has("schemaVersion") ? json.get("schemaVersion").getAsInt() : 1;
            if (version != SCHEMA_VERSION) {
                throw new IllegalArgumentException(file.toAbsolutePath() + " has claims schema version " + version
                        + ", this build reads " + SCHEMA_VERSION + ": rebuild it from its results folder with the "
                        + "'report' command (the verdicts are recomputed, the results files are kept)");
            }
            return GSON.fromJson(json, Contents.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The claims step: judges a report folder's results ({@code results/}) and controls ({@code controls/}) and
     * writes {@code reportDir/claims.json}, the file CI gates on. It is called where a run ends (the {@code run},
     * {@code report} and {@code merge} commands, the integration tests' session), before the page, which only shows
     * the verdicts it draws the same way.
     */
    public static Path write(Path reportDir) {
        List<RunResult> runs = ResultsFiles.readAll(reportDir.resolve("results"));
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("No results files in " + reportDir.resolve("results").toAbsolutePath());
        }
        return write(reportDir, of(runs, Controls.read(reportDir)));
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
