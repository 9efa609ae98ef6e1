package org.biradsrepro.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        peakFractions(JmhResults.peakFractions(data.benchmarks()), h);
    }

    /** Achieved FLOP/s of each benchmark that counts them, as a fraction of the GEMM peak of its own run. */
    private static void peakFractions(List<JmhResults.PeakFraction> fractions, HtmlBuilder h) {
        if (fractions.isEmpty()) {
            return;
        }
        h.markup("<p>Achieved floating-point rate (two per multiply-add, counted from the layer table by "
                + "<code>backbone.MultiplyAdds</code>) as a fraction of the float32 matrix-multiply peak "
                + "(<code>GemmPeakBenchmark</code>) measured in the same JMH run.</p>").newline();
        h.markup("<table><thead><tr><th>Benchmark</th><th>Parameters</th><th>Achieved GFLOP/s</th>"
                + "<th>GEMM peak GFLOP/s</th><th>Fraction of peak</th><th>File</th></tr></thead><tbody>");
        for (JmhResults.PeakFraction f : fractions) {
            h.open("tr").element("td", f.benchmark().benchmark()).open("td");
            f.benchmark().params().forEach((k, v) -> h.text(k).markup("=").text(v).markup(" "));
            h.close("td")
                    .element("td", String.format(Locale.ROOT, "%.2f", f.flops().score() / 1e9))
                    .element("td", String.format(Locale.ROOT, "%.2f (n=%s)",
                            f.peak().secondary().get(JmhResults.FLOPS).score() / 1e9, f.peak().params().getOrDefault("n", "?")))
                    .element("td", String.format(Locale.ROOT, "%.1f%%", 100 * f.fraction()))
                    .element("td", f.benchmark().file())
                    .close("tr");
        }
        h.markup("</tbody></table>").newline();
    }

    private static HtmlBuilder score(HtmlBuilder h, JmhResults.Score s) {
        return h.text(String.format(Locale.ROOT, "%.3f", s.score()))
                .markup(" &plusmn; ")
                .text(Double.isNaN(s.error()) ? "n/a" : String.format(Locale.ROOT, "%.3f", s.error()))
                .markup(" ").text(s.unit());
    }
}
