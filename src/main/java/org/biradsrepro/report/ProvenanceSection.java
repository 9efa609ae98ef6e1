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

    static void render(ReportData data, HtmlBuilder h) {
        List<RunResult> runs = data.runs();
        h.markup("<p>From the results files. A value that differs between runs is listed once per value, with the runs "
                + "that carry it.</p>");
        kv(h, "Versions (commit, DJL, engine, JVM)", runs, RunResult::versions);
        kv(h, "Machine (device, CPU, threads, OS)", runs, RunResult::machine);
        kv(h, "Backbone weights (source, file, SHA-256, how they were made)", runs, RunResult::weights);
        kv(h, "Configuration", runs, RunResult::config);
        h.markup("<h3>Seeds and cost per run</h3><table><thead><tr><th>Run</th><th>Base seed</th><th>Split seed</th>"
                + "<th>Variant built</th><th>Frozen / trained stages</th><th>Feature cache</th><th>Values kept per snapshot</th>"
                + "<th>Train seconds</th><th>Images/s</th><th>Restore bit-exact</th><th>Written</th></tr></thead><tbody>");
        for (RunResult r : runs) {
            RunResult.Training t = r.training();
            h.open("tr").open("td").text(r.backbone()).markup(" &middot; split ").text(r.split()).close("td")
                    .element("td", r.seed()).element("td", r.splitSeed()).element("td", r.backboneVariant())
                    .element("td", String.join(",", t.frozenStages()) + " / "
                            + (t.trainableStages().isEmpty() ? "head only" : String.join(",", t.trainableStages())))
                    .element("td", t.featureCache() ? "yes" : "no").element("td", t.keptValues())
                    .element("td", String.format(Locale.ROOT, "%.2f", t.seconds()))
                    .element("td", String.format(Locale.ROOT, "%.0f", t.imagesPerSecond())).open("td");
            if (t.restoreBitExact()) {
                h.text("yes");
            } else {
                h.element("strong", "NO");
            }
            h.close("td").element("td", r.createdAt()).close("tr");
        }
        h.markup("</tbody></table>").newline();
    }

    private static void kv(HtmlBuilder h, String title, List<RunResult> runs, Function<RunResult, Map<String, String>> field) {
        // key -> value -> runs carrying it
        Map<String, Map<String, List<String>>> values = new LinkedHashMap<>();
        for (RunResult r : runs) {
            field.apply(r).forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashMap<>())
                    .computeIfAbsent(String.valueOf(v), x -> new ArrayList<>()).add(r.backbone() + " split " + r.split()));
        }
        h.element("h3", title).open("table", "class", "kv");
        values.forEach((k, byValue) -> {
            h.open("tr").element("th", k).open("td");
            if (byValue.size() == 1 && byValue.values().iterator().next().size() == runs.size()) {
                h.text(byValue.keySet().iterator().next());
            } else {
                h.open("ul", "class", "differs");
                byValue.forEach((v, who) -> h.open("li").text(v).markup(" ")
                        .element("small", "(" + String.join(", ", who) + ")").close("li"));
                h.close("ul");
            }
            h.close("td").close("tr");
        });
        h.close("table").newline();
    }
}
