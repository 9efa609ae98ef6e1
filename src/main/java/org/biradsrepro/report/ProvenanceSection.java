package org.biradsrepro.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.biradsrepro.results.RunResult;

/**
 * What produced the numbers: commit, library versions, machine, configuration and seeds. Results merged from
 * several machines may disagree on a value: then each value is shown with the runs that carry it.
 */
final class ProvenanceSection {

    private ProvenanceSection() {}

    static void render(ReportData data, StringBuilder h) {
        List<RunResult> runs = data.runs();
        h.append("<p>From the results files. A value that differs between runs is listed once per value, with the runs "
                + "that carry it.</p>");
        kv(h, "Versions (commit, DJL, engine, JVM)", runs, RunResult::versions);
        kv(h, "Machine (device, CPU, threads, OS)", runs, RunResult::machine);
        kv(h, "Backbone weights (source, file, SHA-256, how they were made)", runs, RunResult::weights);
        kv(h, "Configuration", runs, RunResult::config);
        h.append("<h3>Seeds and cost per run</h3><table><thead><tr><th>Run</th><th>Base seed</th><th>Split seed</th>"
                + "<th>Variant built</th><th>Frozen / trained stages</th><th>Feature cache</th><th>Values kept per snapshot</th>"
                + "<th>Train seconds</th><th>Images/s</th><th>Restore bit-exact</th><th>Written</th></tr></thead><tbody>");
        for (RunResult r : runs) {
            RunResult.Training t = r.training();
            h.append("<tr><td>").append(Html.esc(r.backbone())).append(" &middot; split ").append(r.split()).append("</td><td>")
                    .append(r.seed()).append("</td><td>").append(r.splitSeed()).append("</td><td>")
                    .append(Html.esc(r.backboneVariant())).append("</td><td>").append(Html.esc(String.join(",", t.frozenStages())))
                    .append(" / ").append(t.trainableStages().isEmpty() ? "head only" : Html.esc(String.join(",", t.trainableStages())))
                    .append("</td><td>").append(t.featureCache() ? "yes" : "no").append("</td><td>").append(t.keptValues())
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", t.seconds())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.0f", t.imagesPerSecond())).append("</td><td>")
                    .append(t.restoreBitExact() ? "yes" : "<strong>NO</strong>").append("</td><td>")
                    .append(Html.esc(r.createdAt())).append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static void kv(StringBuilder h, String title, List<RunResult> runs, Function<RunResult, Map<String, String>> field) {
        // key -> value -> runs carrying it
        Map<String, Map<String, List<String>>> values = new LinkedHashMap<>();
        for (RunResult r : runs) {
            field.apply(r).forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashMap<>())
                    .computeIfAbsent(String.valueOf(v), x -> new ArrayList<>()).add(r.backbone() + " split " + r.split()));
        }
        h.append("<h3>").append(Html.esc(title)).append("</h3><table class=\"kv\">");
        values.forEach((k, byValue) -> {
            h.append("<tr><th>").append(Html.esc(k)).append("</th><td>");
            if (byValue.size() == 1 && byValue.values().iterator().next().size() == runs.size()) {
                h.append(Html.esc(byValue.keySet().iterator().next()));
            } else {
                h.append("<ul class=\"differs\">");
                byValue.forEach((v, who) -> h.append("<li>").append(Html.esc(v)).append(" <small>(")
                        .append(Html.esc(String.join(", ", who))).append(")</small></li>"));
                h.append("</ul>");
            }
            h.append("</td></tr>");
        });
        h.append("</table>\n");
    }
}
