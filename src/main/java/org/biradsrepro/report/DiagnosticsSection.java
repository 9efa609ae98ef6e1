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
 * at all ({@link EpochDiagnostics#chance}: a diagnostic, no longer an exclusion from the claims)? Then every split's
 * values.
 */
final class DiagnosticsSection {

    private DiagnosticsSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        h.markup("<table><thead><tr><th>Backbone</th><th>Runs</th><th>Kept epoch = last epoch</th>"
                + "<th>Epochs apart (mean, max)</th><th>Early stopping fired</th>"
                + "<th>Learned nothing<br><small>runs (split &times; variant); splits with both</small></th>"
                + "</tr></thead><tbody>");
        for (Map.Entry<String, List<RunResult>> e : data.byBackbone().entrySet()) {
            List<RunResult> runs = e.getValue();
            int[] apart = runs.stream().mapToInt(r -> r.lastEpoch() - r.bestEpoch()).toArray();
            h.open("tr").element("td", e.getKey()).element("td", runs.size())
                    .element("td", runs.stream().filter(r -> r.bestEpoch() == r.lastEpoch()).count() + " of " + runs.size())
                    .element("td", String.format(Locale.ROOT, "%.1f, %d",
                            Arrays.stream(apart).average().orElse(0), Arrays.stream(apart).max().orElse(0)))
                    .element("td", runs.stream().filter(RunResult::stoppedEarly).count() + " of " + runs.size())
                    .element("td", runs.stream().flatMap(r -> r.variants().values().stream())
                            .filter(v -> EpochDiagnostics.chance(v).uninformative()).count()
                            + " of " + 2 * runs.size() + "; "
                            + runs.stream().filter(EpochDiagnostics::learnedNothing).count() + " of " + runs.size() + " splits")
                    .close("tr");
        }
        h.markup("</tbody></table>").newline();

        h.markup("<h3>Per split</h3>\n<table><thead><tr><th>Run</th><th>Epochs run</th><th>Kept epoch</th><th>Epochs apart</th><th>Early stop</th>");
        for (ClaimedMetric m : ClaimedMetric.values()) {
            h.open("th").text(m.label()).markup("<br><small>baseline &rarr; improved</small>").close("th");
        }
        h.markup("<th>Learned something?<br><small>").text(checkNote()).markup("</small></th>");
        h.markup("<th>Results</th></tr></thead><tbody>");
        for (RunResult r : data.runs()) {
            h.open("tr").open("td").text(r.backbone()).markup(" &middot; split ").text(r.split()).close("td")
                    .element("td", r.lastEpoch()).element("td", r.bestEpoch()).open("td");
            if (r.bestEpoch() == r.lastEpoch()) {
                h.markup(r.isPaired() ? "0 <small>(same weights)</small>" : "0 <small>(kept = last of its run)</small>");
            } else {
                h.text(r.lastEpoch() - r.bestEpoch());
            }
            h.close("td").element("td", r.stoppedEarly() ? "yes" : "no");
            for (ClaimedMetric m : ClaimedMetric.values()) {
                double b = m.orNaN(r.variants().get(RunResult.BASELINE).metrics());
                double i = m.orNaN(r.variants().get(RunResult.IMPROVED).metrics());
                h.open("td").text(Html.num(b)).markup(" &rarr; ").text(Html.num(i)).close("td");
            }
            boolean nothing = EpochDiagnostics.learnedNothing(r);
            if (nothing) {
                h.open("td", "class", "learned-nothing");
            } else {
                h.open("td");
            }
            for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                ChanceLevel c = EpochDiagnostics.chance(r.variants().get(variant));
                h.text(variant + ": " + (c.uninformative() ? "no" : "yes")).markup(" ")
                        .element("small", "(" + c.reason() + ")").markup("<br>");
            }
            if (nothing) {
                h.markup("<strong>both at chance</strong>: a diagnostic; the verdicts keep this split");
            }
            ResultsLinksSection.link(h.close("td").open("td"), r).close("td").close("tr");
        }
        h.markup("</tbody></table>").newline();
    }

    private static String checkNote() {
        return String.format(Locale.ROOT, "no: one predicted class, or macro ROC AUC within %.2f sd of 0.5 under label "
                + "shuffling", ChanceLevel.Z);
    }
}
