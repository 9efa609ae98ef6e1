package org.biradsrepro.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.biradsrepro.context.Cpu;

/** JMH figures when the report folder holds any, otherwise how to produce them. */
final class BenchmarksSection {

    /** JMH does not create the folder of its result file. */
    static final String HOW = "mkdir -p reports/jmh && ./mvnw -q test-compile exec:exec@jmh "
            + "-Djmh.args=\"EpochThroughputBenchmark -rf json -rff reports/jmh/epoch-throughput.json\"";

    private BenchmarksSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        if (data.benchmarks().isEmpty()) {
            h.markup("<p>No JMH results in <code>jmh/</code> next to this page. Produce them with ")
                    .element("code", HOW).markup(", then rebuild the page.</p>").newline();
            return;
        }
        h.markup("<p>From <code>jmh/*.json</code> next to this page (").text(HOW)
                .markup("). Error: JMH's 99.9% half-width; n/a with too few iterations.</p>").newline();
        h.markup("<table><thead><tr><th>Benchmark</th><th>Parameters</th><th>Mode</th><th>Score</th><th>Secondary</th>"
                + "<th>Threads / forks</th><th>JVM</th><th>File</th></tr></thead><tbody>");
        for (JmhResults.Benchmark b : data.benchmarks()) {
            h.open("tr").element("td", b.benchmark()).open("td");
            b.params().forEach((k, v) -> h.text(k).markup("=").text(v).markup(" "));
            h.close("td").element("td", b.mode()).open("td");
            score(h, b.primary()).close("td").open("td");
            for (Map.Entry<String, JmhResults.Score> s : b.secondary().entrySet()) {
                score(h.text(s.getKey()).markup(": "), s.getValue()).markup("<br>");
            }
            h.close("td").element("td", b.threads() + " / " + b.forks()).element("td", b.jvm())
                    .open("td").fileLink(JmhResults.FOLDER, b.file(), JmhResults.FOLDER + "/" + b.file()).close("td")
                    .close("tr");
        }
        h.markup("</tbody></table>").newline();
        processors(data.benchmarks(), h);
        flopRates(JmhResults.flopRates(data.benchmarks()), h);
    }

    /** The processor of each file: a figure is a property of the machine it ran on. */
    private static void processors(List<JmhResults.Benchmark> all, HtmlBuilder h) {
        Map<String, Optional<Cpu>> byFile = new LinkedHashMap<>();
        all.forEach(b -> byFile.putIfAbsent(b.file(), b.cpu()));
        h.markup("<p>Measured on:</p><ul>");
        byFile.forEach((file, cpu) -> h.open("li").element("code", JmhResults.FOLDER + "/" + file).markup(": ")
                .text(cpu.map(c -> c.modelName() + ", " + c.identity()).orElse(
                        "processor not recorded (the file was not written through exec:exec@jmh)")).close("li"));
        h.markup("</ul>").newline();
    }

    /**
     * Achieved FLOP/s of each benchmark that counts them, as a share of the silicon's FP32 peak and of the engine's
     * GEMM, each measured in the same JMH run.
     */
    private static void flopRates(List<JmhResults.FlopRate> rates, HtmlBuilder h) {
        if (rates.isEmpty()) {
            return;
        }
        h.markup("<p>Achieved floating-point rate (two per multiply-add, counted from the layer table by "
                + "<code>backbone.MultiplyAdds</code>) as a share of two yardsticks measured in the same JMH run: the "
                + "silicon's FP32 peak, from the rate at which the cores issue fused multiply-adds "
                + "(<code>FmaIssueRateBenchmark</code>, its fastest vector width), and the engine's own float32 GEMM "
                + "(<code>GemmPeakBenchmark</code>, a 4096 x 4096 matrix multiply: a library code path, not the "
                + "machine's limit). bf16 is not measured: JDK 17's Vector API cannot issue bf16 dot products.</p>")
                .newline();
        h.markup("<table><thead><tr><th>Benchmark</th><th>Parameters</th><th>Achieved GFLOP/s</th>"
                + "<th>FP32 silicon peak GFLOP/s</th><th>Share of the silicon peak</th><th>The engine's GEMM GFLOP/s</th>"
                + "<th>Share of the engine's GEMM</th><th>File</th></tr></thead><tbody>");
        for (JmhResults.FlopRate r : rates) {
            h.open("tr").element("td", r.benchmark().benchmark()).open("td");
            r.benchmark().params().forEach((k, v) -> h.text(k).markup("=").text(v).markup(" "));
            h.close("td")
                    .element("td", gflops(r.flops()))
                    .element("td", r.siliconPeak().map(p -> gflops(p.secondary().get(JmhResults.FLOPS))
                            + " (" + method(p) + ")").orElse("not measured"))
                    .element("td", percent(r.shareOfSiliconPeak()))
                    .element("td", r.engineGemm().map(g -> gflops(g.secondary().get(JmhResults.FLOPS))
                            + " (n=" + g.params().getOrDefault("n", "?") + ")").orElse("not measured"))
                    .element("td", percent(r.shareOfEngineGemm()))
                    .element("td", r.benchmark().file())
                    .close("tr");
        }
        h.markup("</tbody></table>").newline();
    }

    private static String gflops(JmhResults.Score flops) {
        return String.format(Locale.ROOT, "%.2f", flops.score() / 1e9);
    }

    private static String percent(OptionalDouble share) {
        return share.isPresent() ? String.format(Locale.ROOT, "%.1f%%", 100 * share.getAsDouble()) : "n/a";
    }

    private static String method(JmhResults.Benchmark b) {
        return b.benchmark().substring(b.benchmark().lastIndexOf('.') + 1);
    }

    private static HtmlBuilder score(HtmlBuilder h, JmhResults.Score s) {
        return h.text(String.format(Locale.ROOT, "%.3f", s.score()))
                .markup(" &plusmn; ")
                .text(Double.isNaN(s.error()) ? "n/a" : String.format(Locale.ROOT, "%.3f", s.error()))
                .markup(" ").text(s.unit());
    }
}
