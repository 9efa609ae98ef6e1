package org.biradsrepro.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biradsrepro.metrics.Curves;
import org.biradsrepro.results.RunResult;

/**
 * ROC and precision-recall curves per class, one-vs-rest, computed from the stored per-image probabilities of every
 * split's test side (pooled), for each backbone and variant: where the ROC AUC and PRC of Table 2 come from.
 */
final class RankingCurvesSection {

    private RankingCurvesSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        h.markup("<p>One-vs-rest per BI-RADS class (B0&hellip;B5), from the test-side probabilities of all splits "
                + "pooled (an image tested in several splits counts once per split). The dashed ROC diagonal is chance; "
                + "a class with no test image, or with only test images of its own, has no curve.</p>").newline();
        for (Map.Entry<String, List<RunResult>> e : data.byBackbone().entrySet()) {
            h.element("h3", e.getKey()).open("div", "class", "charts");
            List<String> missing = new ArrayList<>();
            for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                PooledPredictions pooled = PooledPredictions.of(e.getValue(), variant);
                List<LineChart.Series> roc = new ArrayList<>();
                List<LineChart.Series> pr = new ArrayList<>();
                roc.add(new LineChart.Series("chance", Palette.CHANCE, new double[] {0, 1}, new double[] {0, 1}, true));
                for (int c = 0; c < pooled.numClasses(); c++) {
                    int positives = pooled.count(c);
                    if (positives == 0 || positives == pooled.labels().length) {
                        if (variant.equals(RunResult.BASELINE)) {
                            missing.add("B" + c + " (" + positives + " of " + pooled.labels().length + " test predictions)");
                        }
                        continue;
                    }
                    Curves.Roc r = Curves.roc(pooled.positives(c), pooled.scores(c));
                    roc.add(new LineChart.Series("B" + c, Palette.forClass(c), r.falsePositiveRate(), r.truePositiveRate()));
                    Curves.PrecisionRecall p = Curves.precisionRecall(pooled.positives(c), pooled.scores(c));
                    pr.add(new LineChart.Series("B" + c, Palette.forClass(c), p.recall(), p.precision()));
                }
                String label = e.getKey() + ", " + ReportData.variantLabel(variant);
                h.chart(LineChart.unitSquare(label + ": ROC (true positive rate against false positive rate)",
                        variant + ": false positive rate", "true positive rate", roc));
                h.chart(LineChart.unitSquare(label + ": precision against recall", variant + ": recall", "precision", pr));
            }
            h.close("div").newline();
            if (!missing.isEmpty()) {
                h.markup("<p><small>").text("No curve for " + String.join(", ", missing) + ".").markup("</small></p>").newline();
            }
        }
    }
}
