package org.biradsrepro.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.biradsrepro.claims.ClaimVerdict;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.claims.EpochDiagnostics;
import org.biradsrepro.claims.OverallVerdict;
import org.biradsrepro.claims.Verdict;
import org.biradsrepro.metrics.ChanceLevel;
import org.biradsrepro.results.RunResult;

/** One line per run for logs (CI output, the command line): enough to see at a glance what a run did. */
public final class ConsoleSummary {

    private ConsoleSummary() {}

    /** The run's epochs, two metrics per variant, its cost, and whether a variant learned nothing. */
    public static String line(RunResult r) {
        RunResult.MetricValues b = r.variants().get(RunResult.BASELINE).metrics();
        RunResult.MetricValues i = r.variants().get(RunResult.IMPROVED).metrics();
        return String.format(Locale.ROOT,
                "%s split %d: %d epochs%s, kept epoch %d | accuracy %.4f -> %.4f | F1 macro %.4f -> %.4f | %.1f s, %.0f images/s%s",
                r.backbone(), r.split(), r.lastEpoch(), r.stoppedEarly() ? " (stopped early)" : "", r.bestEpoch(),
                b.accuracy(), i.accuracy(), b.f1Macro(), i.f1Macro(), r.training().seconds(), r.training().imagesPerSecond(),
                chance(r));
    }

    /**
     * The verdicts in a few lines: the tally over backbone x metric claims, the pooled primary-metric claim, each
     * backbone's claim, the paper's and the controls', e.g. {@code Claims: 0 reproduced, 30 paper's gain ruled out,
     * 0 undetectable, 6 not exercised, 0 uninformative (of 36 backbone x metric claims)}.
     */
    public static String claims(ClaimsFile.Contents contents) {
        Map<Verdict, Integer> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        contents.claims().stream().map(ClaimVerdict::verdict).forEach(v -> counts.merge(v, 1, Integer::sum));
        StringJoiner tally = new StringJoiner(", ", "Claims: ", "");
        counts.forEach((v, n) -> tally.add(n + " " + v.word()));
        StringBuilder s = new StringBuilder(tally.toString()).append(" (of ").append(contents.claims().size()).append(" backbone x metric claims)");
        contents.pooled().stream().filter(v -> v.metric().equals(contents.primaryMetric())).forEach(v ->
                s.append("\n  primary, ").append(v.metricLabel()).append(" pooled over the backbones: ")
                        .append(v.verdict().word().toUpperCase(java.util.Locale.ROOT)).append(" - ").append(v.reason()));
        for (OverallVerdict o : contents.backbones()) {
            s.append("\n  ").append(o.scope()).append(": ").append(o.verdict()).append(" - ").append(o.reason());
        }
        OverallVerdict paper = contents.paper();
        s.append("\n  paper's claim (").append(paper.scope()).append("): ").append(paper.verdict()).append(" - ")
                .append(paper.reason());
        contents.controls().forEach(c -> s.append("\n  control ").append(c.summary()));
        return s.toString();
    }

    private static String chance(RunResult r) {
        ChanceLevel b = EpochDiagnostics.chance(r.variants().get(RunResult.BASELINE));
        ChanceLevel i = EpochDiagnostics.chance(r.variants().get(RunResult.IMPROVED));
        if (b.uninformative() && i.uninformative()) {
            return " | both variants at chance (baseline: " + b.reason() + "; improved: "
                    + i.reason() + ")";
        }
        if (b.uninformative() || i.uninformative()) {
            boolean baseline = b.uninformative();
            return " | " + (baseline ? "baseline" : "improved") + " learned nothing (" + (baseline ? b : i).reason() + ")";
        }
        return "";
    }
}
