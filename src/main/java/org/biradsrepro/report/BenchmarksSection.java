package org.biradsrepro.report;

import java.util.Locale;
import java.util.Map;

/** JMH figures when the report folder holds any, otherwise how to produce them. */
final class BenchmarksSection {

    /** JMH does not create the folder of its result file. */
    static final String HOW = "mkdir -p reports/jmh && ./mvnw -q test-compile exec:exec@jmh "
            + "-Djmh.args=\"EpochThroughputBenchmark -rf json -rff reports/jmh/epoch-throughput.json\"";

    private BenchmarksSection() {}

    static void render(ReportData data, StringBuilder h) {
        if (data.benchmarks().isEmpty()) {
            h.append("<p>No JMH results in <code>jmh/</code> next to this page. Produce them with <code>")
                    .append(Html.esc(HOW)).append("</code>, then rebuild the page.</p>\n");
            return;
        }
        h.append("<p>From <code>jmh/*.json</code> next to this page (").append(Html.esc(HOW))
                .append("). Error: JMH's 99.9% half-width; n/a with too few iterations.</p>\n");
        h.append("<table><thead><tr><th>Benchmark</th><th>Parameters</th><th>Mode</th><th>Score</th><th>Secondary</th>"
                + "<th>Threads / forks</th><th>JVM</th><th>File</th></tr></thead><tbody>");
        for (JmhResults.Benchmark b : data.benchmarks()) {
            h.append("<tr><td>").append(Html.esc(b.benchmark())).append("</td><td>");
            b.params().forEach((k, v) -> h.append(Html.esc(k)).append('=').append(Html.esc(v)).append(' '));
            h.append("</td><td>").append(Html.esc(b.mode())).append("</td><td>").append(score(b.primary())).append("</td><td>");
            for (Map.Entry<String, JmhResults.Score> s : b.secondary().entrySet()) {
                h.append(Html.esc(s.getKey())).append(": ").append(score(s.getValue())).append("<br>");
            }
            h.append("</td><td>").append(b.threads()).append(" / ").append(b.forks()).append("</td><td>")
                    .append(Html.esc(b.jvm())).append("</td><td><a href=\"").append(JmhResults.FOLDER).append('/')
                    .append(Html.urlSegment(b.file())).append("\">").append(JmhResults.FOLDER).append('/')
                    .append(Html.esc(b.file())).append("</a></td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static String score(JmhResults.Score s) {
        return String.format(Locale.ROOT, "%.3f", s.score())
                + (Double.isNaN(s.error()) ? " &plusmn; n/a " : String.format(Locale.ROOT, " &plusmn; %.3f ", s.error()))
                + Html.esc(s.unit());
    }
}
