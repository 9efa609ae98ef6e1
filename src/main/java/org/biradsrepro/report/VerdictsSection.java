package org.biradsrepro.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.biradsrepro.claims.ClaimVerdict;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.Claims;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.claims.CombinedVerdict;
import org.biradsrepro.claims.ControlVerdict;
import org.biradsrepro.claims.EpochDiagnostics;
import org.biradsrepro.claims.OverallVerdict;
import org.biradsrepro.claims.Verdict;
import org.biradsrepro.results.RunResult;

/**
 * The answer first: the primary metric pooled over the backbones, the paper's claim and each backbone's, the
 * controls that show the pipeline can see an effect, then per backbone x metric the verdict with its interval, its
 * tests and what the design could have detected, and the rule that drew them.
 */
final class VerdictsSection {

    private VerdictsSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        caveats(data.runs(), h);
        ClaimsFile.Contents claims = data.claims();
        List<ClaimVerdict> verdicts = claims.claims();
        if (verdicts.isEmpty()) {
            h.markup("<p class=\"warn\">No verdicts: the claims were not evaluated.</p>").newline();
            return;
        }
        claims.pooled().stream().filter(v -> v.metric().equals(claims.primaryMetric())).findFirst().ifPresent(v ->
                h.open("p", "class", "primary").markup("<strong>Primary metric</strong> (declared before any result): ")
                        .text(v.metricLabel() + ", pooled over the backbones: ")
                        .element("span", v.verdict().word(), "class", "verdict " + cssClass(v.verdict()))
                        .text(" " + v.reason()).close("p").newline());
        h.open("ul", "class", "overall");
        List<OverallVerdict> overall = new ArrayList<>();
        overall.add(claims.paper());
        overall.addAll(claims.backbones());
        for (OverallVerdict o : overall) {
            h.open("li").element("span", o.verdict().word(), "class", "verdict " + cssClass(o.verdict())).markup(" ")
                    .element("strong", o.scope()).text(": " + tally(o) + " ")
                    .open("details").element("summary", "why").text(o.reason()).close("details").close("li");
        }
        h.close("ul").newline();
        controls(claims.controls(), h);
        Map<Verdict, Integer> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        verdicts.forEach(v -> counts.merge(v.verdict(), 1, Integer::sum));
        h.open("p", "class", "tally").text("Of " + verdicts.size()).markup(" claims (backbone &times; metric): ");
        counts.forEach((v, n) -> h.element("span", n + " " + v.word(), "class", "verdict " + cssClass(v)).markup(" "));
        h.close("p").newline();
        exerciseNote(data.runs(), verdicts, h);
        h.open("p").markup("<strong>Rule.</strong> ").text(Claims.RULE).close("p").newline();
        h.element("h3", "Per backbone and metric");
        grid(verdicts, h);
        h.element("h3", "Pooled over the backbones (per split, the mean difference of the backbones)");
        grid(claims.pooled(), h);
        h.markup("<details open><summary>Why each verdict</summary><ul>");
        for (ClaimVerdict v : verdicts) {
            h.open("li").text(v.backbone()).markup(" &middot; ").text(v.metricLabel() + ": ").element("strong", v.verdict().word())
                    .text(". " + v.reason()).markup(" ").element("small", "(splits " + v.splits() + ")").close("li");
        }
        h.markup("</ul></details>").newline();
    }

    private static String tally(OverallVerdict o) {
        return o.reproduced() + " of " + o.claims() + " reproduced, " + o.gainRuledOut() + " paper's gain ruled out ("
                + o.ruledOutAfterHolm() + " after Holm), " + o.undetectable() + " undetectable, " + o.notExercised()
                + " not exercised, " + o.uninformative() + " uninformative";
    }

    /** The controls, each with the verdict it demands and the one it got: the evidence that a verdict can be trusted. */
    private static void controls(List<ControlVerdict> controls, HtmlBuilder h) {
        if (controls.isEmpty()) {
            h.markup("<p><small>No controls in this report folder (they run in <code>./mvnw verify</code>).</small></p>").newline();
            return;
        }
        h.markup("<div class=\"note controls\"><strong>Controls</strong>, judged by the same rule on the pooled ")
                .text(Claims.PRIMARY.label()).markup(", never mixed into the paper's claims:<ul>");
        for (ControlVerdict c : controls) {
            h.open("li", "class", "control").element("span", c.passed() ? "passed" : "FAILED", "class",
                            "verdict " + (c.passed() ? "passed" : "failed")).markup(" ").element("strong", c.id())
                    .text(": " + c.description() + " Must " + (c.mustReproduce() ? "" : "not ") + "be judged reproduced; judged ")
                    .element("em", c.pooledPrimary().verdict().word()).text(". " + c.pooledPrimary().reason() + " Per backbone: ");
            List<String> parts = c.perBackbone().stream().map(v -> v.backbone() + " " + v.verdict().word()
                    + String.format(Locale.ROOT, " (%+.4f)", v.estimate().mean())).toList();
            h.text(String.join(", ", parts) + ".").close("li");
        }
        h.markup("</ul></div>").newline();
    }

    private static void grid(List<ClaimVerdict> verdicts, HtmlBuilder h) {
        Set<String> backbones = new LinkedHashSet<>();
        verdicts.forEach(v -> backbones.add(v.backbone()));
        h.markup("<table class=\"verdicts\"><thead><tr><th>Backbone</th>");
        Table2Section.metricHeaders(h);
        h.markup("</tr></thead><tbody>");
        for (String backbone : backbones) {
            h.open("tr").element("th", backbone);
            for (ClaimedMetric m : ClaimedMetric.values()) {
                ClaimVerdict v = verdicts.stream().filter(c -> c.backbone().equals(backbone) && c.metric().equals(m.key()))
                        .findFirst().orElse(null);
                if (v == null) {
                    h.markup("<td class=\"missing\">not evaluated</td>");
                    continue;
                }
                cell(v, h);
            }
            h.close("tr");
        }
        h.markup("</tbody></table>").newline();
    }

    private static void cell(ClaimVerdict v, HtmlBuilder h) {
        h.open("td", "class", "verdict " + cssClass(v.verdict()), "title", v.reason()).element("strong", v.verdict().word());
        if (v.significantlyWorse()) {
            h.markup("<br>").element("small", "significantly worse");
        }
        ClaimVerdict.Exercise x = v.exercise();
        if (v.verdict() == Verdict.NOT_EXERCISED || v.verdict() == Verdict.UNINFORMATIVE) {
            h.markup("<br>").element("small", v.verdict() == Verdict.NOT_EXERCISED
                    ? "kept epoch = last epoch on all " + x.runs() + " splits: identical weights"
                    : v.splits().size() + " defined split(s)").close("td");
            return;
        }
        ClaimVerdict.Estimate e = v.estimate();
        ClaimVerdict.Tests t = v.tests();
        ClaimVerdict.Detectability d = v.detectability();
        if (x.metricMoved() == 0) {
            boolean thresholded = ClaimedMetric.byKey(v.metric()).thresholded();
            h.markup("<br>").element("small", "unchanged on every split: " + (thresholded && x.predictionsChanged() == 0
                    ? "no test prediction changed class" : "the metric did not move") + "; its step "
                    + String.format(Locale.ROOT, "%.3g", e.resolution()), "class", "unchanged");
        }
        h.markup("<br>&Delta; ").text(Html.signed(e.mean())).markup(" ")
                .element("small", "(sd " + Html.num(e.sd()) + (e.noVariation() ? ": no variation" : "") + ")")
                .markup(IntervalBar.svg(v)).open("small")
                .text("90% interval: [" + Html.signed(e.lower95()) + ", " + Html.signed(e.upper95()) + "]").markup("<br>")
                .text("corrected t p = " + p(t.nadeauBengioP()) + ", sign-flip p = " + p(t.signFlipP())).markup("<br>")
                .text("Holm p = " + p(t.holmReproducedP()) + (Double.isNaN(t.ruledOutP()) ? ""
                        : "; gain-ruled-out p = " + p(t.ruledOutP()) + " (Holm " + p(t.holmRuledOutP()) + ")")).markup("<br>")
                .text("signed-rank p = " + p(t.signedRankP()) + " (shown, not deciding)").markup("<br>")
                .text("MDE80 = " + (Double.isFinite(d.mde80()) ? Html.signed(d.mde80()) : "none at " + v.splits().size() + " splits")
                        + (Double.isNaN(v.paperGain()) ? "" : "; paper's gain " + Html.signed(v.paperGain())
                        + String.format(Locale.ROOT, ", power %.2f", d.powerAtPaperGain())
                        + (d.splitsForPaperGain() == null ? ", not reachable by splits"
                        : d.splitsForPaperGain() > v.splits().size() ? ", needs " + d.splitsForPaperGain() + " splits" : "")))
                .markup("<br>")
                .text("n = " + v.splits().size() + " splits" + (v.undefinedPairs() > 0 ? ", " + v.undefinedPairs() + " undefined" : "")
                        + (v.paired() ? "; identical weights on " + x.identicalWeights() + " of " + x.runs() : "")
                        + "; predictions changed on " + x.predictionsChanged() + ", metric moved on " + x.metricMoved())
                .close("small").close("td");
    }

    /**
     * Where the claim was barely applied, say so beside the tally, before the rule: how many runs kept the last
     * epoch's weights, and how many test predictions changed class at all, since that bounds what any metric could
     * show.
     */
    private static void exerciseNote(List<RunResult> runs, List<ClaimVerdict> verdicts, HtmlBuilder h) {
        long identical = runs.stream().filter(r -> r.isPaired() && r.bestEpoch() == r.lastEpoch()).count();
        long changed = runs.stream().filter(r -> predictionsChanged(r) > 0).count();
        long images = runs.stream().mapToLong(r -> r.variants().get(RunResult.BASELINE).predictions().size()).sum();
        long flips = runs.stream().mapToLong(VerdictsSection::predictionsChanged).sum();
        h.markup("<div class=\"note exercise-note\"><strong>Was the claim applied?</strong> ");
        if (runs.stream().allMatch(RunResult::isPaired)) {
            h.text("In " + identical + " of " + runs.size() + " runs the kept epoch was the last: there both "
                    + "evaluations used identical weights. ");
        }
        h.text("Across all runs, " + flips + " of " + images + " test predictions changed class between the two "
                + "weight sets (in " + changed + " of " + runs.size() + " runs). ");
        long notExercised = verdicts.stream().filter(v -> v.verdict() == Verdict.NOT_EXERCISED).count();
        if (notExercised > 0) {
            h.text(notExercised + " claims were not exercised at all: no evidence either way. ");
        }
        h.markup("Per run under <a href=\"#diagnostics\">Run diagnostics</a>.</div>").newline();
    }

    private static long predictionsChanged(RunResult r) {
        return Claims.changedPredictions(r.variants().get(RunResult.BASELINE), r.variants().get(RunResult.IMPROVED));
    }

    private static void caveats(List<RunResult> runs, HtmlBuilder h) {
        RunResult first = runs.get(0);
        Set<String> profiles = new LinkedHashSet<>();
        runs.forEach(r -> profiles.add(r.config().getOrDefault("repro.profile", "?")));
        h.markup("<div class=\"note\"><strong>Read this first.</strong><ul>");
        if (profiles.contains("fixture")) {
            h.markup("<li>Profile <code>fixture</code>: shrunken networks and small images on the bundled synthetic "
                    + "phantoms. These numbers exercise the suite end to end; they are not evidence for or against the paper.</li>");
        }
        h.open("li").text("Backbone weights: " + weightsCaveat(runs)).close("li");
        h.open("li").markup("Monitored loss: ").element("code", first.monitor())
                .text("; splits: " + runs.stream().mapToInt(RunResult::split).max().orElse(0)
                        + " stratified random 80/20 splits; seed " + first.seed() + ".")
                .close("li");
        h.open("li").markup(HtmlReport.pairingSentence(runs)).close("li");
        long variants = runs.stream().flatMap(r -> r.variants().values().stream())
                .filter(v -> EpochDiagnostics.chance(v).uninformative()).count();
        h.open("li").text("In " + variants + " of " + 2L * runs.size())
                .markup(" runs (backbone &times; split &times; variant) the test predictions are one class, or the macro "
                        + "ROC AUC is within chance of 0.5: shown as a diagnostic, it excludes nothing from the verdicts.")
                .close("li");
        h.markup("</ul></div>").newline();
    }

    private static String cssClass(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String cssClass(CombinedVerdict v) {
        return v.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String p(double p) {
        return Double.isNaN(p) ? "n/a" : String.format(Locale.ROOT, p < 0.001 ? "%.1e" : "%.4f", p);
    }

    /**
     * What the backbones started from, per distinct source, in words: random weights make every verdict a test of
     * the suite only; the shipped fixture weights are pretrained on a synthetic source task, not on ImageNet.
     */
    static String weightsCaveat(List<RunResult> runs) {
        Map<String, Set<String>> bySource = new TreeMap<>();
        for (RunResult r : runs) {
            bySource.computeIfAbsent(r.weights().getOrDefault("source", "random"), k -> new TreeSet<>())
                    .add(r.backbone());
        }
        List<String> parts = new ArrayList<>();
        bySource.forEach((source, backbones) -> parts.add(switch (source) {
            case "random" -> "random (seeded Glorot-uniform, no pretraining) for " + String.join(", ", backbones)
                    + ": such networks learn little beyond the class prior";
            case "fixture" -> "the shipped fixture weights for " + String.join(", ", backbones) + ", pretrained on a "
                    + "synthetic source task (" + runs.stream().filter(r -> "fixture".equals(r.weights().get("source")))
                    .findFirst().map(r -> r.weights().getOrDefault("fixture.sourceTask", "see the results files"))
                    .orElse("") + "), not on ImageNet";
            case "imagenet" -> "Keras' ImageNet weights for " + String.join(", ", backbones) + ", as in the paper";
            default -> "the weight file given for " + String.join(", ", backbones) + " (SHA-256 in the results files)";
        }));
        return String.join("; ", parts) + ". The paper used ImageNet weights.";
    }
}
