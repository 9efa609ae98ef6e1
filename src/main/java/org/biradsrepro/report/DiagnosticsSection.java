package org.biradsrepro.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.EpochDiagnostics;
import org.biradsrepro.metrics.ChanceLevel;
import org.biradsrepro.results.RunResult;

/**
 * The diagnostics the claim turns on: were the kept weights those of the last epoch (then both variants are the same
 * network and can only tie)? If not, how many epochs apart? Did early stopping fire? Did each variant learn anything
 * at all ({@link EpochDiagnostics#chance}: a split where neither did is left out of the claims)? Then every split's
 * values.
 */
final class DiagnosticsSection {

    private DiagnosticsSection() {}

    static void render(ReportData data, StringBuilder h) {
        h.append("<table><thead><tr><th>Backbone</th><th>Runs</th><th>Kept epoch = last epoch</th>"
                + "<th>Epochs apart (mean, max)</th><th>Early stopping fired</th>"
                + "<th>Learned nothing<br><small>runs (split &times; variant); splits with both</small></th>"
                + "</tr></thead><tbody>");
        for (Map.Entry<String, List<RunResult>> e : data.byBackbone().entrySet()) {
            List<RunResult> runs = e.getValue();
            int[] apart = runs.stream().mapToInt(r -> r.lastEpoch() - r.bestEpoch()).toArray();
            h.append("<tr><td>").append(Html.esc(e.getKey())).append("</td><td>").append(runs.size()).append("</td><td>")
                    .append(runs.stream().filter(r -> r.bestEpoch() == r.lastEpoch()).count()).append(" of ").append(runs.size())
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.1f, %d",
                            Arrays.stream(apart).average().orElse(0), Arrays.stream(apart).max().orElse(0)))
                    .append("</td><td>").append(runs.stream().filter(RunResult::stoppedEarly).count()).append(" of ")
                    .append(runs.size()).append("</td><td>")
                    .append(runs.stream().flatMap(r -> r.variants().values().stream())
                            .filter(v -> EpochDiagnostics.chance(v).uninformative()).count())
                    .append(" of ").append(2 * runs.size()).append("; ")
                    .append(runs.stream().filter(EpochDiagnostics::learnedNothing).count()).append(" of ")
                    .append(runs.size()).append(" splits</td></tr>");
        }
        h.append("</tbody></table>\n");

        h.append("<h3>Per split</h3>\n<table><thead><tr><th>Run</th><th>Epochs run</th><th>Kept epoch</th><th>Epochs apart</th><th>Early stop</th>");
        for (ClaimedMetric m : ClaimedMetric.values()) {
            h.append("<th>").append(Html.esc(m.label())).append("<br><small>baseline &rarr; improved</small></th>");
        }
        h.append("<th>Learned something?<br><small>").append(Html.esc(checkNote())).append("</small></th>");
        h.append("<th>Results</th></tr></thead><tbody>");
        for (RunResult r : data.runs()) {
            h.append("<tr><td>").append(Html.esc(r.backbone())).append(" &middot; split ").append(r.split())
                    .append("</td><td>").append(r.lastEpoch()).append("</td><td>").append(r.bestEpoch()).append("</td><td>")
                    .append(r.bestEpoch() == r.lastEpoch() ? "0 <small>(same weights)</small>" : r.lastEpoch() - r.bestEpoch())
                    .append("</td><td>").append(r.stoppedEarly() ? "yes" : "no").append("</td>");
            for (ClaimedMetric m : ClaimedMetric.values()) {
                double b = m.orNaN(r.variants().get(RunResult.BASELINE).metrics());
                double i = m.orNaN(r.variants().get(RunResult.IMPROVED).metrics());
                h.append("<td>").append(Html.num(b)).append(" &rarr; ").append(Html.num(i)).append("</td>");
            }
            boolean nothing = EpochDiagnostics.learnedNothing(r);
            h.append("<td").append(nothing ? " class=\"learned-nothing\"" : "").append(">");
            for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                ChanceLevel c = EpochDiagnostics.chance(r.variants().get(variant));
                h.append(variant).append(": ").append(c.uninformative() ? "no" : "yes").append(" <small>(")
                        .append(Html.esc(c.reason())).append(")</small><br>");
            }
            if (nothing) {
                h.append("<strong>uninformative</strong>: left out of the claims");
            }
            h.append("</td><td>").append(ResultsLinksSection.link(r)).append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static String checkNote() {
        return String.format(Locale.ROOT, "no: one predicted class, or macro ROC AUC within %.2f sd of 0.5 under label "
                + "shuffling", ChanceLevel.Z);
    }
}
