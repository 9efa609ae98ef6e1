package org.biradsrepro.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * JMH result files ({@code -rf json -rff reports/jmh/NAME.json}) in the report folder's {@code jmh/}, when there are
 * any: the page shows their figures beside the run timings. JMH writes an undefined error as the string "NaN", so
 * numbers are read by hand rather than bound.
 */
final class JmhResults {

    /** A score with its 99.9% error half-width (NaN when JMH had too few iterations to give one). */
    record Score(double score, double error, String unit) {}

    /**
     * One benchmark x parameter combination.
     *
     * @param file the name of the JMH file it came from, in the report folder's {@code jmh/}
     * @param secondary JMH's secondary metrics, e.g. the {@code images} auxiliary counter as images/s
     */
    record Benchmark(String file, String benchmark, String mode, int threads, int forks, String jvm,
                     Map<String, String> params, Score primary, Map<String, Score> secondary) {}

    /**
     * A benchmark's achieved floating-point rate (its {@code flops} counter) against the GEMM peak measured in the
     * same JMH invocation, i.e. the same result file.
     */
    record PeakFraction(Benchmark benchmark, Score flops, Benchmark peak) {
        double fraction() {
            return flops.score() / peak.secondary().get(FLOPS).score();
        }
    }

    static final String FOLDER = "jmh";
    static final String FLOPS = "flops";
    /** The benchmark whose {@code flops} counter is the machine's matrix-multiply peak. */
    static final String PEAK_BENCHMARK = "GemmPeakBenchmark.multiply";

    private JmhResults() {}

    /** Every benchmark of {@code reportDir/jmh/*.json}, files in name order; none when the folder is absent. */
    static List<Benchmark> read(Path reportDir) {
        Path dir = reportDir.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Benchmark> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                all.addAll(readFile(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list JMH results in " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return all;
    }

    /**
     * Every benchmark with a {@code flops} counter whose file also holds the GEMM peak, as a fraction of that peak;
     * a file without a peak gives none (a peak from another run would compare two machine states).
     */
    static List<PeakFraction> peakFractions(List<Benchmark> all) {
        List<PeakFraction> out = new ArrayList<>();
        for (Benchmark b : all) {
            if (b.benchmark().endsWith(PEAK_BENCHMARK) || !b.secondary().containsKey(FLOPS)) {
                continue;
            }
            all.stream().filter(p -> p.file().equals(b.file()) && p.benchmark().endsWith(PEAK_BENCHMARK)
                            && p.secondary().containsKey(FLOPS))
                    .findFirst()
                    .ifPresent(peak -> out.add(new PeakFraction(b, b.secondary().get(FLOPS), peak)));
        }
        return out;
    }

    static List<Benchmark> readFile(Path file) {
        String shownAs = file.getFileName().toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(r);
            if (!root.isJsonArray()) {
                throw new JsonParseException("expected the JSON array JMH writes with -rf json");
            }
            List<Benchmark> out = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray()) {
                JsonObject b = e.getAsJsonObject();
                Map<String, String> params = new LinkedHashMap<>();
                if (b.has("params")) {
                    b.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
                }
                Map<String, Score> secondary = new LinkedHashMap<>();
                if (b.has("secondaryMetrics")) {
                    b.getAsJsonObject("secondaryMetrics").entrySet()
                            .forEach(s -> secondary.put(s.getKey(), score(s.getValue().getAsJsonObject())));
                }
                out.add(new Benchmark(shownAs, string(b, "benchmark"), string(b, "mode"), b.get("threads").getAsInt(),
                        b.get("forks").getAsInt(), string(b, "vmName") + " " + string(b, "jdkVersion"), params,
                        score(b.getAsJsonObject("primaryMetric")), secondary));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read JMH results " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("JMH results " + file.toAbsolutePath()
                    + " is not a JMH JSON result file (-rf json): " + e.getMessage(), e);
        }
    }

    private static Score score(JsonObject metric) {
        return new Score(number(metric.get("score")), number(metric.get("scoreError")), string(metric, "scoreUnit"));
    }

    private static double number(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        String s = e.getAsString();
        return s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new JsonParseException("field '" + key + "' is missing");
        }
        return e.getAsString();
    }
}
