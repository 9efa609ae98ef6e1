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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.biradsrepro.context.Cpu;

/**
 * JMH result files ({@code -rf json -rff reports/jmh/NAME.json}) in the report folder's {@code jmh/}, when there are
 * any: the page shows their figures beside the run timings, with the processor each file was measured on. JMH writes an undefined error as the string "NaN", so
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
     * @param cpu the processor it ran on, where {@code exec:exec@jmh} recorded it ({@code bench.JmhWithCpu}); JMH
     *     itself does not
     */
    record Benchmark(String file, String benchmark, String mode, int threads, int forks, String jvm,
                     Map<String, String> params, Score primary, Map<String, Score> secondary, Optional<Cpu> cpu) {}

    /**
     * A benchmark's achieved floating-point rate (its {@code flops} counter) against the two yardsticks measured in
     * the same JMH invocation, i.e. the same result file, where it holds them: the silicon's FP32 multiply-add peak
     * (the fastest {@link #SILICON_PEAK_BENCHMARK} method: FMA instructions issued back to back) and the engine's
     * own float32 GEMM ({@link #ENGINE_GEMM_BENCHMARK}), which is a library code path, not the machine's limit.
     */
    record FlopRate(Benchmark benchmark, Score flops, Optional<Benchmark> siliconPeak, Optional<Benchmark> engineGemm) {
        OptionalDouble shareOfSiliconPeak() {
            return siliconPeak.map(p -> OptionalDouble.of(flops.score() / p.secondary().get(FLOPS).score()))
                    .orElse(OptionalDouble.empty());
        }

        OptionalDouble shareOfEngineGemm() {
            return engineGemm.filter(g -> g != benchmark)
                    .map(g -> OptionalDouble.of(flops.score() / g.secondary().get(FLOPS).score()))
                    .orElse(OptionalDouble.empty());
        }
    }

    static final String FOLDER = "jmh";
    static final String FLOPS = "flops";
    static final String CPU = "cpu";
    /** The benchmark whose {@code flops} counter is the engine's float32 matrix multiply (a 4096 GEMM). */
    static final String ENGINE_GEMM_BENCHMARK = "GemmPeakBenchmark.multiply";
    /** The benchmark class whose methods issue FMAs at each vector width; the fastest is the silicon's FP32 peak. */
    static final String SILICON_PEAK_BENCHMARK = "FmaIssueRateBenchmark";

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
     * Every benchmark with a {@code flops} counter, the engine's GEMM included but not the FMA issue rates themselves,
     * whose file also holds a yardstick, against the yardsticks of that file; a file without one gives none (a
     * yardstick from another run would compare two machine states, possibly two machines).
     */
    static List<FlopRate> flopRates(List<Benchmark> all) {
        List<FlopRate> out = new ArrayList<>();
        for (Benchmark b : all) {
            if (isSiliconPeak(b) || !b.secondary().containsKey(FLOPS)) {
                continue;
            }
            Optional<Benchmark> silicon = all.stream()
                    .filter(p -> p.file().equals(b.file()) && isSiliconPeak(p) && p.secondary().containsKey(FLOPS))
                    .max(Comparator.comparingDouble(p -> p.secondary().get(FLOPS).score()));
            Optional<Benchmark> gemm = all.stream()
                    .filter(p -> p.file().equals(b.file()) && p.benchmark().endsWith(ENGINE_GEMM_BENCHMARK)
                            && p.secondary().containsKey(FLOPS))
                    .findFirst();
            if (silicon.isPresent() || gemm.filter(g -> g != b).isPresent()) {
                out.add(new FlopRate(b, b.secondary().get(FLOPS), silicon, gemm));
            }
        }
        return out;
    }

    private static boolean isSiliconPeak(Benchmark b) {
        return b.benchmark().contains(SILICON_PEAK_BENCHMARK + ".");
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
                        score(b.getAsJsonObject("primaryMetric")), secondary,
                        b.has(CPU) ? Optional.of(cpu(b.getAsJsonObject(CPU))) : Optional.empty()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read JMH results " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("JMH results " + file.toAbsolutePath()
                    + " is not a JMH JSON result file (-rf json): " + e.getMessage(), e);
        }
    }

    /** The processor as {@code bench.JmhWithCpu} writes it. */
    private static Cpu cpu(JsonObject o) {
        SortedSet<String> flags = new TreeSet<>();
        o.getAsJsonArray("flags").forEach(f -> flags.add(f.getAsString()));
        return new Cpu(string(o, "vendor"), string(o, "family"), string(o, "model"), string(o, "modelName"), flags);
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
