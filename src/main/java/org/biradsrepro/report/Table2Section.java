package org.biradsrepro.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.PaperTable2;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.stats.PairedComparison;
import org.biradsrepro.stats.Summary;

/**
 * The Table 2 analogue: the paper's printed numbers beside the reproduction's mean and standard deviation over
 * splits, then the paired differences split by split.
 */
final class Table2Section {

    private Table2Section() {}

    static void render(ReportData data, HtmlBuilder h) {
        Map<String, List<RunResult>> byBackbone = data.byBackbone();
        h.markup("<p>Rows <em>paper</em> quote the paper's Table 2 as printed (means over its five test sets, "
                + "baseline and improved from separate training runs). The paper does not say how precision, recall "
                + "and F1 were averaged over classes; here they are macro averages.</p>").newline();
        h.markup("<table class=\"table2\"><thead><tr><th>Backbone</th><th>Weights</th>");
        metricHeaders(h);
        h.markup("</tr></thead><tbody>");
        for (Map.Entry<String, List<RunResult>> e : byBackbone.entrySet()) {
            Optional<PaperTable2.Row> paper = PaperTable2.row(e.getKey());
            paper.ifPresent(row -> paperRow(h, row.paperName(), "last epoch", row.baseline()));
            for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                h.open("tr", "class", variant).open("td").text(e.getKey()).markup(" ")
                        .element("small", "(" + e.getValue().size() + " splits)").close("td")
                        .element("td", variant.equals(RunResult.BASELINE) ? "last epoch" : "lowest loss");
                for (ClaimedMetric m : ClaimedMetric.values()) {
                    Summary s = Summary.of(ReportData.values(e.getValue(), variant, m));
                    h.open("td").text(Html.num(s.mean())).markup(" &plusmn; ").text(Html.num(s.sd()));
                    if (s.undefined() > 0) {
                        h.markup(" ").element("small", "(" + s.undefined() + " undefined)");
                    }
                    h.close("td");
                }
                h.close("tr");
            }
            paper.ifPresent(row -> paperRow(h, "Improved " + row.paperName(), "lowest loss", row.improved()));
            paper.ifPresent(row -> {
                h.open("tr", "class", "paper").open("td").text(row.paperName()).markup(" <small>(paper)</small>")
                        .close("td").element("td", "gain");
                for (ClaimedMetric m : ClaimedMetric.values()) {
                    h.element("td", Html.signed(row.improvedValue(m) - row.baselineValue(m)));
                }
                h.close("tr");
            });
            if (paper.isEmpty()) {
                h.open("tr", "class", "paper").open("td", "colspan", "8")
                        .element("small", "The paper has no row for " + e.getKey() + ".").close("td").close("tr");
            }
        }
        h.markup("</tbody></table>").newline();
        paired(byBackbone, h);
    }

    private static void paperRow(HtmlBuilder h, String name, String weights, List<String> printed) {
        h.open("tr", "class", "paper").open("td").text(name).markup(" <small>(paper)</small>").close("td")
                .element("td", weights);
        printed.forEach(v -> h.element("td", v));
        h.close("tr");
    }

    private static void paired(Map<String, List<RunResult>> byBackbone, HtmlBuilder h) {
        h.markup("<h3>Paired differences: improved minus baseline</h3>\n<p>Mean difference over splits (standard deviation), "
                + "then in how many splits the improved variant was better / equal / worse.</p><table><thead><tr><th>Backbone</th>");
        metricHeaders(h);
        h.markup("</tr></thead><tbody>");
        for (Map.Entry<String, List<RunResult>> e : byBackbone.entrySet()) {
            h.open("tr").element("td", e.getKey());
            for (ClaimedMetric m : ClaimedMetric.values()) {
                PairedComparison c = PairedComparison.of(ReportData.values(e.getValue(), RunResult.BASELINE, m),
                        ReportData.values(e.getValue(), RunResult.IMPROVED, m));
                String cls = c.difference().mean() > 0 ? "up" : c.difference().mean() < 0 ? "down" : "flat";
                h.open("td", "class", cls).text(Html.signed(c.difference().mean()) + " (" + Html.num(c.difference().sd()) + ")")
                        .markup("<br>").open("small").text(c.better() + " / " + c.equal() + " / " + c.worse());
                if (c.undefined() > 0) {
                    h.text(", " + c.undefined() + " undefined");
                }
                h.close("small").close("td");
            }
            h.close("tr");
        }
        h.markup("</tbody></table>").newline();
    }

    static void metricHeaders(HtmlBuilder h) {
        for (ClaimedMetric m : ClaimedMetric.values()) {
            h.element("th", m.label());
        }
    }
}
