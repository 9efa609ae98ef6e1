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
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.ClaimVerdict;
import org.biradsrepro.claims.Claims;
import org.biradsrepro.claims.EpochDiagnostics;
import org.biradsrepro.claims.OverallVerdict;
import org.biradsrepro.claims.Verdict;
import org.biradsrepro.metrics.ChanceLevel;
import org.biradsrepro.results.RunResult;

/**
 * The answer first: per backbone x metric, does "lowest-loss weights beat last-epoch weights" hold here? Colour and
 * word for the verdict, the mean paired difference with its intervals and tests, the rule, and what the number of
 * splits allows. An uninformative claim (its models learned nothing) gets its own colour and a note saying that the
 * claim was not tested, since its differences are not evidence either way.
 */
final class VerdictsSection {

    private VerdictsSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        caveats(data.runs(), h);
        List<ClaimVerdict> verdicts = data.verdicts();
        if (verdicts.isEmpty()) {
            h.markup("<p class=\"warn\">No verdicts: the claims were not evaluated.</p>").newline();
            return;
        }
        // The answer first: the paper's claim as a whole, then each backbone's.
        h.open("ul", "class", "overall");
        List<OverallVerdict> overall = new ArrayList<>();
        overall.add(Claims.paperClaim(verdicts));
        overall.addAll(Claims.perBackbone(verdicts));
        for (OverallVerdict o : overall) {
            h.open("li").element("span", word(o.verdict()), "class", "verdict " + cssClass(o.verdict())).markup(" ")
                    .element("strong", o.scope())
                    .text(": " + o.reproduced() + " of " + o.claims() + " reproduced, " + o.notReproduced()
                            + " not reproduced, " + o.inconclusive() + " inconclusive, " + o.uninformative()
                            + " uninformative ")
                    .open("details").element("summary", "why").text(o.reason()).close("details").close("li");
        }
        h.close("ul").newline();
        Map<Verdict, Integer> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        verdicts.forEach(v -> counts.merge(v.verdict(), 1, Integer::sum));
        h.open("p", "class", "tally").text("Of " + verdicts.size()).markup(" claims (backbone &times; metric): ");
        counts.forEach((v, n) -> h.element("span", n + " " + word(v), "class", "verdict " + cssClass(v)).markup(" "));
        h.close("p").newline();
        uninformativeNote(data.runs(), counts.get(Verdict.UNINFORMATIVE), verdicts.size(), h);
        h.open("p").markup("<strong>Rule.</strong> ").text(Claims.RULE).close("p").newline();
        grid(verdicts, h);
        splitCaveat(verdicts, h);
        h.markup("<details open><summary>Why each verdict</summary><ul>");
        for (ClaimVerdict v : verdicts) {
            h.open("li").text(v.backbone()).markup(" &middot; ").text(v.metric() + ": ").element("strong", word(v.verdict()))
                    .text(". " + v.reason()).markup(" ").element("small", "(splits " + v.splits() + ")").close("li");
        }
        h.markup("</ul></details>").newline();
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
                if (v.verdict() == Verdict.UNINFORMATIVE) {
                    h.open("td", "class", "verdict uninformative", "title", v.reason()).element("strong", word(v.verdict()))
                            .markup("<br>").element("small", "learned nothing: both variants at chance on all "
                                    + v.uninformativePairs() + " splits; the claim was not tested")
                            .close("td");
                    continue;
                }
                h.open("td", "class", "verdict " + cssClass(v.verdict()), "title", v.reason())
                        .element("strong", word(v.verdict())).markup("<br>&Delta; ").text(Html.signed(v.mean())).markup(" ")
                        .element("small", "(sd " + Html.num(v.sd()) + ")").markup("<br>").open("small")
                        .text("corrected t 95%: " + interval(v.t95())).markup("<br>")
                        .text("bootstrap 95%: " + interval(v.bootstrap95())).markup("<br>")
                        .text("Nadeau-Bengio p = " + p(v.nadeauBengioP())).markup("<br>")
                        .text("Wilcoxon p = " + p(v.wilcoxonP())
                                + (v.wilcoxonExact() ? " (exact)" : " (normal approx.: ties or zeros)")).markup("<br>")
                        .text("n = " + v.differences().length + " splits");
                if (v.undefinedPairs() > 0) {
                    h.text(", " + v.undefinedPairs() + " undefined");
                }
                if (v.uninformativePairs() > 0) {
                    h.text(", " + v.uninformativePairs() + " left out: learned nothing");
                }
                h.close("small").close("td");
            }
            h.close("tr");
        }
        h.markup("</tbody></table>").newline();
    }

    /**
     * What "uninformative" means, where any claim is: the models learned nothing, so the claim was not tested. Said
     * beside the tally, before the rule, because it changes how every other number on the page is read.
     */
    private static void uninformativeNote(List<RunResult> runs, int uninformativeClaims, int claims, HtmlBuilder h) {
        if (uninformativeClaims == 0) {
            return;
        }
        long learnedNothing = runs.stream().filter(EpochDiagnostics::learnedNothing).count();
        h.markup("<div class=\"note uninformative-note\"><span class=\"verdict uninformative\">uninformative</span> ")
                .text(uninformativeClaims + " of " + claims)
                .markup(" claims: <strong>the models learned nothing, so the claim was not tested</strong>. On ")
                .text(learnedNothing + " of " + runs.size())
                .markup(" backbone &times; split runs both variants' test predictions fall in one "
                        + "class, or their macro ROC AUC is within chance of 0.5 (")
                .text(String.format(Locale.ROOT, "%.2f", ChanceLevel.Z))
                .markup(" standard deviations under label shuffling). A network that learned nothing cannot show "
                        + "which weights are better: such a claim is neither reproduced nor refuted, and "
                        + "<code>repro.claims=enforce</code> does not fail on it. Each run's check is under "
                        + "<a href=\"#diagnostics\">Run diagnostics</a>.</div>").newline();
    }

    /** What the exact Wilcoxon test can say with this few pairs: with n pairs its smallest p is 2^-n one-sided. */
    private static void splitCaveat(List<ClaimVerdict> verdicts, HtmlBuilder h) {
        Map<Integer, Double> smallestP = new LinkedHashMap<>();
        verdicts.forEach(v -> smallestP.merge(v.differences().length, v.wilcoxonSmallestP(), Math::min));
        h.markup("<div class=\"note\"><strong>How far can a test go with this many splits?</strong><ul>");
        smallestP.forEach((n, p) -> {
            h.open("li").text("With " + n + " paired splits the smallest p-value the exact Wilcoxon signed-rank test can reach is "
                    + p(p) + " (one-sided; " + p(Math.min(1, 2 * Math.pow(0.5, n))) + " two-sided)");
            if (Double.isNaN(p) || p >= 0.05) {
                h.markup(": it <strong>can never reach p &lt; 0.05</strong>, whatever the data");
            } else if (2 * Math.pow(0.5, n) >= 0.05) {
                h.markup(": one-sided it can reach 0.05 only when every split improves; two-sided it never can");
            }
            h.markup(".").close("li");
        });
        h.markup("<li>The Nadeau-Bengio corrected t-test widens the variance by n<sub>test</sub>/n<sub>train</sub> because "
                + "random splits overlap: its p-values are larger, and more honest, than a plain paired t-test's.</li>");
        h.markup("</ul></div>").newline();
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
        long same = runs.stream().filter(r -> r.bestEpoch() == r.lastEpoch()).count();
        h.open("li").text("In " + same + " of " + runs.size())
                .markup(" runs the lowest-loss epoch <em>was</em> the last epoch: there both variants use identical weights "
                        + "and can only tie.").close("li");
        long variants = runs.stream().flatMap(r -> r.variants().values().stream())
                .filter(v -> EpochDiagnostics.chance(v).uninformative()).count();
        h.open("li").text("In " + variants + " of " + 2L * runs.size())
                .markup(" runs (backbone &times; split &times; variant) the model learned nothing measurable: its test "
                        + "predictions are one class, or its macro ROC AUC is within chance of 0.5.").close("li");
        h.markup("</ul></div>").newline();
    }

    static String word(Verdict v) {
        return switch (v) {
            case REPRODUCED -> "reproduced";
            case NOT_REPRODUCED -> "not reproduced";
            case INCONCLUSIVE -> "inconclusive";
            case UNINFORMATIVE -> "uninformative";
        };
    }

    private static String cssClass(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String interval(ClaimVerdict.Interval i) {
        return i == null || Double.isNaN(i.low()) ? "n/a" : "[" + Html.signed(i.low()) + ", " + Html.signed(i.high()) + "]";
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
