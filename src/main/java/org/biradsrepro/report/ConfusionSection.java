package org.biradsrepro.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.biradsrepro.results.RunResult;

/** Confusion matrices summed over splits, per backbone and variant; shading is the share of the true class's row. */
final class ConfusionSection {

    private ConfusionSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        h.markup("<p>Rows: true BI-RADS class; columns: predicted class (the argmax). Counts summed over the splits' "
                + "test sides; the shade of a cell is its share of the row.</p>").newline();
        for (Map.Entry<String, List<RunResult>> e : data.byBackbone().entrySet()) {
            h.element("h3", e.getKey()).open("div", "class", "matrices");
            for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                matrix(h, ReportData.variantLabel(variant), summed(e.getValue(), variant));
            }
            h.close("div").newline();
        }
    }

    static int[][] summed(List<RunResult> runs, String variant) {
        int k = PooledPredictions.numClasses(runs);
        int[][] sum = new int[k][k];
        for (RunResult r : runs) {
            int[][] m = r.variants().get(variant).metrics().confusionMatrix();
            if (m.length != k) {
                throw new IllegalArgumentException("Results file " + r.fileName() + " has a " + m.length
                        + "-row confusion matrix, expected " + k);
            }
            for (int t = 0; t < k; t++) {
                for (int p = 0; p < k; p++) {
                    sum[t][p] += m[t][p];
                }
            }
        }
        return sum;
    }

    private static void matrix(HtmlBuilder h, String caption, int[][] m) {
        h.open("table", "class", "confusion").element("caption", caption)
                .markup("<thead><tr><th>true \\ predicted</th>");
        for (int p = 0; p < m.length; p++) {
            h.element("th", "B" + p);
        }
        h.markup("<th>support</th></tr></thead><tbody>");
        for (int t = 0; t < m.length; t++) {
            int row = 0;
            for (int v : m[t]) {
                row += v;
            }
            h.open("tr").element("th", "B" + t);
            for (int p = 0; p < m.length; p++) {
                double share = row == 0 ? 0 : (double) m[t][p] / row;
                h.element("td", m[t][p], "class", t == p ? "diag" : "off",
                        "style", String.format(Locale.ROOT, "background:rgba(47,111,159,%.2f)", share * 0.85));
            }
            h.element("td", row).close("tr");
        }
        h.markup("</tbody></table>");
    }
}
