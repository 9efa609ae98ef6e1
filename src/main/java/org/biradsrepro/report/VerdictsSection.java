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

    static void render(ReportData data, StringBuilder h) {
        caveats(data.runs(), h);
        List<ClaimVerdict> verdicts = data.verdicts();
        if (verdicts.isEmpty()) {
            h.append("<p class=\"warn\">No verdicts: the claims were not evaluated.</p>\n");
            return;
        }
        // The answer first: the paper's claim as a whole, then each backbone's.
        h.append("<ul class=\"overall\">");
        List<OverallVerdict> overall = new ArrayList<>();
        overall.add(Claims.paperClaim(verdicts));
        overall.addAll(Claims.perBackbone(verdicts));
        for (OverallVerdict o : overall) {
            h.append("<li><span class=\"verdict ").append(cssClass(o.verdict())).append("\">").append(word(o.verdict()))
                    .append("</span> <strong>").append(Html.esc(o.scope())).append("</strong>: ").append(o.reproduced())
                    .append(" of ").append(o.claims()).append(" reproduced, ").append(o.notReproduced()).append(" not reproduced, ")
                    .append(o.inconclusive()).append(" inconclusive, ").append(o.uninformative())
                    .append(" uninformative <details><summary>why</summary>")
                    .append(Html.esc(o.reason())).append("</details></li>");
        }
        h.append("</ul>\n");
        Map<Verdict, Integer> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        verdicts.forEach(v -> counts.merge(v.verdict(), 1, Integer::sum));
        h.append("<p class=\"tally\">Of ").append(verdicts.size()).append(" claims (backbone &times; metric): ");
        counts.forEach((v, n) -> h.append("<span class=\"verdict ").append(cssClass(v)).append("\">").append(n).append(' ')
                .append(word(v)).append("</span> "));
        h.append("</p>\n");
        uninformativeNote(data.runs(), counts.get(Verdict.UNINFORMATIVE), verdicts.size(), h);
        h.append("<p><strong>Rule.</strong> ").append(Html.esc(Claims.RULE)).append("</p>\n");
        grid(verdicts, h);
        splitCaveat(verdicts, h);
        h.append("<details open><summary>Why each verdict</summary><ul>");
        for (ClaimVerdict v : verdicts) {
            h.append("<li>").append(Html.esc(v.backbone())).append(" &middot; ").append(Html.esc(v.metric())).append(": <strong>")
                    .append(word(v.verdict())).append("</strong>. ").append(Html.esc(v.reason()))
                    .append(" <small>(splits ").append(Html.esc(v.splits().toString())).append(")</small></li>");
        }
        h.append("</ul></details>\n");
    }

    private static void grid(List<ClaimVerdict> verdicts, StringBuilder h) {
        Set<String> backbones = new LinkedHashSet<>();
        verdicts.forEach(v -> backbones.add(v.backbone()));
        h.append("<table class=\"verdicts\"><thead><tr><th>Backbone</th>");
        Table2Section.metricHeaders(h);
        h.append("</tr></thead><tbody>");
        for (String backbone : backbones) {
            h.append("<tr><th>").append(Html.esc(backbone)).append("</th>");
            for (ClaimedMetric m : ClaimedMetric.values()) {
                ClaimVerdict v = verdicts.stream().filter(c -> c.backbone().equals(backbone) && c.metric().equals(m.key()))
                        .findFirst().orElse(null);
                if (v == null) {
                    h.append("<td class=\"missing\">not evaluated</td>");
                    continue;
                }
                if (v.verdict() == Verdict.UNINFORMATIVE) {
                    h.append("<td class=\"verdict uninformative\" title=\"").append(Html.esc(v.reason()))
                            .append("\"><strong>").append(word(v.verdict())).append("</strong><br><small>learned nothing: ")
                            .append("both variants at chance on all ").append(v.uninformativePairs())
                            .append(" splits; the claim was not tested</small></td>");
                    continue;
                }
                h.append("<td class=\"verdict ").append(cssClass(v.verdict())).append("\" title=\"").append(Html.esc(v.reason()))
                        .append("\"><strong>").append(word(v.verdict())).append("</strong><br>&Delta; ")
                        .append(Html.signed(v.mean())).append(" <small>(sd ").append(Html.num(v.sd())).append(")</small><br><small>")
                        .append("corrected t 95%: ").append(interval(v.t95())).append("<br>bootstrap 95%: ").append(interval(v.bootstrap95()))
                        .append("<br>Nadeau-Bengio p = ").append(p(v.nadeauBengioP())).append("<br>Wilcoxon p = ")
                        .append(p(v.wilcoxonP())).append(v.wilcoxonExact() ? " (exact)" : " (normal approx.: ties or zeros)").append("<br>n = ").append(v.differences().length).append(" splits");
                if (v.undefinedPairs() > 0) {
                    h.append(", ").append(v.undefinedPairs()).append(" undefined");
                }
                if (v.uninformativePairs() > 0) {
                    h.append(", ").append(v.uninformativePairs()).append(" left out: learned nothing");
                }
                h.append("</small></td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>\n");
    }

    /**
     * What "uninformative" means, where any claim is: the models learned nothing, so the claim was not tested. Said
     * beside the tally, before the rule, because it changes how every other number on the page is read.
     */
    private static void uninformativeNote(List<RunResult> runs, int uninformativeClaims, int claims, StringBuilder h) {
        if (uninformativeClaims == 0) {
            return;
        }
        long learnedNothing = runs.stream().filter(EpochDiagnostics::learnedNothing).count();
        h.append("<div class=\"note uninformative-note\"><span class=\"verdict uninformative\">uninformative</span> ")
                .append(uninformativeClaims).append(" of ").append(claims).append(" claims: <strong>the models learned ")
                .append("nothing, so the claim was not tested</strong>. On ").append(learnedNothing).append(" of ")
                .append(runs.size()).append(" backbone &times; split runs both variants' test predictions fall in one ")
                .append("class, or their macro ROC AUC is within chance of 0.5 (")
                .append(String.format(Locale.ROOT, "%.2f", ChanceLevel.Z))
                .append(" standard deviations under label shuffling). A network that learned nothing cannot show ")
                .append("which weights are better: such a claim is neither reproduced nor refuted, and ")
                .append("<code>repro.claims=enforce</code> does not fail on it. Each run's check is under ")
                .append("<a href=\"#diagnostics\">Run diagnostics</a>.</div>\n");
    }

    /** What the exact Wilcoxon test can say with this few pairs: with n pairs its smallest p is 2^-n one-sided. */
    private static void splitCaveat(List<ClaimVerdict> verdicts, StringBuilder h) {
        Map<Integer, Double> smallestP = new LinkedHashMap<>();
        verdicts.forEach(v -> smallestP.merge(v.differences().length, v.wilcoxonSmallestP(), Math::min));
        h.append("<div class=\"note\"><strong>How far can a test go with this many splits?</strong><ul>");
        smallestP.forEach((n, p) -> {
            h.append("<li>With ").append(n).append(" paired splits the smallest p-value the exact Wilcoxon signed-rank test can reach is ")
                    .append(p(p)).append(" (one-sided; ").append(p(Math.min(1, 2 * Math.pow(0.5, n)))).append(" two-sided)");
            if (Double.isNaN(p) || p >= 0.05) {
                h.append(": it <strong>can never reach p &lt; 0.05</strong>, whatever the data");
            } else if (2 * Math.pow(0.5, n) >= 0.05) {
                h.append(": one-sided it can reach 0.05 only when every split improves; two-sided it never can");
            }
            h.append(".</li>");
        });
        h.append("<li>The Nadeau-Bengio corrected t-test widens the variance by n<sub>test</sub>/n<sub>train</sub> because "
                + "random splits overlap: its p-values are larger, and more honest, than a plain paired t-test's.</li>");
        h.append("</ul></div>\n");
    }

    private static void caveats(List<RunResult> runs, StringBuilder h) {
        RunResult first = runs.get(0);
        Set<String> profiles = new LinkedHashSet<>();
        runs.forEach(r -> profiles.add(r.config().getOrDefault("repro.profile", "?")));
        h.append("<div class=\"note\"><strong>Read this first.</strong><ul>");
        if (profiles.contains("fixture")) {
            h.append("<li>Profile <code>fixture</code>: shrunken networks and small images on the bundled synthetic "
                    + "phantoms. These numbers exercise the suite end to end; they are not evidence for or against the paper.</li>");
        }
        h.append("<li>Backbone weights: ").append(Html.esc(weightsCaveat(runs))).append("</li>");
        h.append("<li>Monitored loss: <code>").append(Html.esc(first.monitor())).append("</code>; splits: ")
                .append(runs.stream().mapToInt(RunResult::split).max().orElse(0))
                .append(" stratified random 80/20 splits; seed ").append(first.seed()).append(".</li>");
        long same = runs.stream().filter(r -> r.bestEpoch() == r.lastEpoch()).count();
        h.append("<li>In ").append(same).append(" of ").append(runs.size())
                .append(" runs the lowest-loss epoch <em>was</em> the last epoch: there both variants use identical weights "
                        + "and can only tie.</li>");
        long variants = runs.stream().flatMap(r -> r.variants().values().stream())
                .filter(v -> EpochDiagnostics.chance(v).uninformative()).count();
        h.append("<li>In ").append(variants).append(" of ").append(2L * runs.size())
                .append(" runs (backbone &times; split &times; variant) the model learned nothing measurable: its test "
                        + "predictions are one class, or its macro ROC AUC is within chance of 0.5.</li>");
        h.append("</ul></div>\n");
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
