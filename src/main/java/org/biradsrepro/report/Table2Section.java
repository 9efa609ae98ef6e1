package org.biradsrepro.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.stats.PairedComparison;
import org.biradsrepro.stats.Summary;

/**
 * The Table 2 analogue: the paper's printed numbers beside the reproduction's mean and standard deviation over
 * splits, then the paired differences split by split.
 */
final class Table2Section {

    private Table2Section() {}

    static void render(ReportData data, StringBuilder h) {
        Map<String, List<RunResult>> byBackbone = data.byBackbone();
        h.append("<p>Rows <em>paper</em> quote the paper's Table 2 as printed (means over its five test sets, "
                + "baseline and improved from separate training runs). The paper does not say how precision, recall "
                + "and F1 were averaged over classes; here they are macro averages.</p>\n");
        h.append("<table class=\"table2\"><thead><tr><th>Backbone</th><th>Weights</th>");
        metricHeaders(h);
        h.append("</tr></thead><tbody>");
        for (Map.Entry<String, List<RunResult>> e : byBackbone.entrySet()) {
            Optional<PaperTable2.Row> paper = PaperTable2.row(e.getKey());
            paper.ifPresent(row -> paperRow(h, row.paperName(), "last epoch", row.baseline()));
            for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                h.append("<tr class=\"").append(variant).append("\"><td>").append(Html.esc(e.getKey()))
                        .append(" <small>(").append(e.getValue().size()).append(" splits)</small></td><td>")
                        .append(variant.equals(RunResult.BASELINE) ? "last epoch" : "lowest loss").append("</td>");
                for (ClaimedMetric m : ClaimedMetric.values()) {
                    Summary s = Summary.of(ReportData.values(e.getValue(), variant, m));
                    h.append("<td>").append(Html.num(s.mean())).append(" &plusmn; ").append(Html.num(s.sd()));
                    if (s.undefined() > 0) {
                        h.append(" <small>(").append(s.undefined()).append(" undefined)</small>");
                    }
                    h.append("</td>");
                }
                h.append("</tr>");
            }
            paper.ifPresent(row -> paperRow(h, "Improved " + row.paperName(), "lowest loss", row.improved()));
            paper.ifPresent(row -> {
                h.append("<tr class=\"paper\"><td>").append(Html.esc(row.paperName())).append(" <small>(paper)</small></td><td>gain</td>");
                for (ClaimedMetric m : ClaimedMetric.values()) {
                    h.append("<td>").append(Html.signed(row.improvedValue(m) - row.baselineValue(m))).append("</td>");
                }
                h.append("</tr>");
            });
            if (paper.isEmpty()) {
                h.append("<tr class=\"paper\"><td colspan=\"8\"><small>The paper has no row for ").append(Html.esc(e.getKey()))
                        .append(".</small></td></tr>");
            }
        }
        h.append("</tbody></table>\n");
        paired(byBackbone, h);
    }

    private static void paperRow(StringBuilder h, String name, String weights, List<String> printed) {
        h.append("<tr class=\"paper\"><td>").append(Html.esc(name)).append(" <small>(paper)</small></td><td>")
                .append(weights).append("</td>");
        printed.forEach(v -> h.append("<td>").append(Html.esc(v)).append("</td>"));
        h.append("</tr>");
    }

    private static void paired(Map<String, List<RunResult>> byBackbone, StringBuilder h) {
        h.append("<h3>Paired differences: improved minus baseline</h3>\n<p>Mean difference over splits (standard deviation), "
                + "then in how many splits the improved variant was better / equal / worse.</p><table><thead><tr><th>Backbone</th>");
        metricHeaders(h);
        h.append("</tr></thead><tbody>");
        for (Map.Entry<String, List<RunResult>> e : byBackbone.entrySet()) {
            h.append("<tr><td>").append(Html.esc(e.getKey())).append("</td>");
            for (ClaimedMetric m : ClaimedMetric.values()) {
                PairedComparison c = PairedComparison.of(ReportData.values(e.getValue(), RunResult.BASELINE, m),
                        ReportData.values(e.getValue(), RunResult.IMPROVED, m));
                String cls = c.difference().mean() > 0 ? "up" : c.difference().mean() < 0 ? "down" : "flat";
                h.append("<td class=\"").append(cls).append("\">").append(Html.signed(c.difference().mean()))
                        .append(" (").append(Html.num(c.difference().sd())).append(")<br><small>")
                        .append(c.better()).append(" / ").append(c.equal()).append(" / ").append(c.worse());
                if (c.undefined() > 0) {
                    h.append(", ").append(c.undefined()).append(" undefined");
                }
                h.append("</small></td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>\n");
    }

    static void metricHeaders(StringBuilder h) {
        for (ClaimedMetric m : ClaimedMetric.values()) {
            h.append("<th>").append(Html.esc(m.label())).append("</th>");
        }
    }
}
