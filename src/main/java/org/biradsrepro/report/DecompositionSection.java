package org.biradsrepro.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.Claims;
import org.biradsrepro.claims.Decomposition;

/**
 * The question behind the verdicts: how much of the paper's Table 2 gain could the choice of checkpoint explain, and
 * how much do two runs of the same algorithm differ anyway? Per backbone x metric, the decomposition of
 * {@link Decomposition}; per backbone, the four values of each split (last and kept epoch of two runs) for the
 * primary metric; and the A/A differences of all backbones against the paper's gain.
 */
final class DecompositionSection {

    private DecompositionSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        List<Decomposition> all = data.claims().decomposition();
        if (all.isEmpty()) {
            h.markup("<p>No decomposition: it needs two or more independent trainings per split "
                    + "(<code>repro.replicates</code> of 2 or more) with paired runs.</p>").newline();
            return;
        }
        int runs = all.get(0).runs();
        h.markup("<p>Each split was trained ").text(runs + " times").markup(" with its own head and shuffling seeds, and "
                + "both weight sets of every run kept. The paper compared Algorithm 2 and Algorithm 1 from separate "
                + "experiments, so its gain mixes the checkpoint effect with the difference between two runs; here the two "
                + "are measured apart. <strong>Cross-run gain</strong>: kept weights of run 1 against last-epoch weights of run "
                + "2, as the paper's table compares, split exactly into its checkpoint part (run 1's kept against its own "
                + "last) and its A/A part (run 1's last against run 2's). <strong>Checkpoint effect</strong>: kept minus "
                + "last within each run, averaged over runs and splits, with the corrected interval of the verdicts; "
                + "<strong>fired</strong>: trainings whose kept epoch was not the last. <strong>P(same-algorithm gap)</strong>: "
                + "the chance that two 5-split experiments of Algorithm 1 on fresh splits differ by at least the paper's "
                + "gain either way, from the run-to-run and split-to-split spreads measured here.</p>").newline();
        h.markup("<p class=\"note\">The spreads measured here come from seeded heads and shuffling on a deterministic "
                + "CPU, a frozen backbone and shared splits: they are a <strong>lower bound</strong> on the paper's, whose "
                + "runs also differed in GPU nondeterminism, perhaps fine-tuned layers, and new splits.</p>").newline();
        h.markup("<table class=\"decomposition\"><thead><tr><th>Backbone</th><th>Metric</th><th>Paper's gain</th>"
                + "<th>Cross-run gain<br><small>= checkpoint part + A/A part</small></th>"
                + "<th>Checkpoint effect<br><small>90% interval</small></th><th>Fired<br><small>95% interval</small></th>"
                + "<th>Run-to-run sd</th><th>Split-to-split sd</th><th>A/A sd</th><th>P(same-algorithm gap &ge; paper's)</th>"
                + "<th>Share of the paper's gain explained</th></tr></thead><tbody>");
        for (Decomposition d : all) {
            h.open("tr").element("td", d.backbone()).element("td", ClaimedMetric.byKey(d.metric()).label())
                    .element("td", Html.signed(d.paperGain()))
                    .element("td", String.format(Locale.ROOT, "%+.4f = %+.4f %s %.4f", d.crossRunGain(),
                            d.crossRunCheckpointPart(), d.crossRunAaPart() < 0 ? "-" : "+", Math.abs(d.crossRunAaPart())))
                    .element("td", Html.signed(d.checkpointEffect()) + " [" + Html.signed(d.checkpointLower95()) + ", "
                            + Html.signed(d.checkpointUpper95()) + "]")
                    .element("td", String.format(Locale.ROOT, "%d of %d [%.2f, %.2f]", d.fired(), d.trainings(),
                            d.firingLower95(), d.firingUpper95()))
                    .element("td", Html.num(d.runToRunSd())).element("td", Html.num(d.splitToSplitSd()))
                    .element("td", Html.num(d.aaSd()))
                    .element("td", Double.isNaN(d.sameAlgorithmGapP()) ? "n/a"
                            : String.format(Locale.ROOT, "%.3g", d.sameAlgorithmGapP()))
                    .element("td", Double.isNaN(d.shareExplained()) ? "n/a" : String.format(Locale.ROOT,
                            "%.0f%% [%.0f%%, %.0f%%]", 100 * d.shareExplained(), 100 * d.checkpointLower95() / d.paperGain(),
                            100 * d.checkpointUpper95() / d.paperGain()))
                    .close("tr");
        }
        h.markup("</tbody></table>").newline();
        List<Decomposition> primary = all.stream().filter(d -> d.metric().equals(Claims.PRIMARY.key())).toList();
        h.open("div", "class", "charts");
        for (Decomposition d : primary) {
            double[] x = d.perSplit().stream().mapToDouble(Decomposition.SplitValues::split).toArray();
            h.chart(LineChart.svg(d.backbone() + ": " + Claims.PRIMARY.label() + " per split, two runs",
                    d.backbone() + ": split", List.of(
                            series("run 1, last epoch", Palette.BASELINE, x, d, 0, false),
                            series("run 1, kept epoch", Palette.IMPROVED, x, d, 0, true),
                            new LineChart.Series("run 2, last epoch", Palette.BASELINE, x, values(d, 1, false), true),
                            new LineChart.Series("run 2, kept epoch", Palette.IMPROVED, x, values(d, 1, true), true)),
                    List.of()));
        }
        double[] aa = primary.stream().flatMapToDouble(d -> Arrays.stream(d.aaDifferences())).toArray();
        double gain = primary.stream().mapToDouble(Decomposition::paperGain).filter(Double::isFinite).average().orElse(Double.NaN);
        h.chart(Histogram.svg("A/A differences, " + Claims.PRIMARY.label() + ", all backbones and splits", aa, gain,
                "paper's mean gain"));
        h.close("div").newline();
    }

    private static LineChart.Series series(String name, String color, double[] x, Decomposition d, int run, boolean kept) {
        return new LineChart.Series(name, color, x, values(d, run, kept));
    }

    private static double[] values(Decomposition d, int run, boolean kept) {
        return d.perSplit().stream().mapToDouble(s -> kept ? s.improved()[run] : s.baseline()[run]).toArray();
    }
}
