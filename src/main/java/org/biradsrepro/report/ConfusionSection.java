package org.biradsrepro.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.biradsrepro.results.RunResult;

/** Confusion matrices summed over splits, per backbone and variant; shading is the share of the true class's row. */
final class ConfusionSection {

    private ConfusionSection() {}

    static void render(ReportData data, StringBuilder h) {
        h.append("<p>Rows: true BI-RADS class; columns: predicted class (the argmax). Counts summed over the splits' "
                + "test sides; the shade of a cell is its share of the row.</p>\n");
        for (Map.Entry<String, List<RunResult>> e : data.byBackbone().entrySet()) {
            h.append("<h3>").append(Html.esc(e.getKey())).append("</h3><div class=\"matrices\">");
            for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                matrix(h, ReportData.variantLabel(variant), summed(e.getValue(), variant));
            }
            h.append("</div>\n");
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

    private static void matrix(StringBuilder h, String caption, int[][] m) {
        h.append("<table class=\"confusion\"><caption>").append(Html.esc(caption)).append("</caption><thead><tr><th>true \\ predicted</th>");
        for (int p = 0; p < m.length; p++) {
            h.append("<th>B").append(p).append("</th>");
        }
        h.append("<th>support</th></tr></thead><tbody>");
        for (int t = 0; t < m.length; t++) {
            int row = 0;
            for (int v : m[t]) {
                row += v;
            }
            h.append("<tr><th>B").append(t).append("</th>");
            for (int p = 0; p < m.length; p++) {
                double share = row == 0 ? 0 : (double) m[t][p] / row;
                h.append(String.format(Locale.ROOT, "<td class=\"%s\" style=\"background:rgba(47,111,159,%.2f)\">%d</td>",
                        t == p ? "diag" : "off", share * 0.85, m[t][p]));
            }
            h.append("<td>").append(row).append("</td></tr>");
        }
        h.append("</tbody></table>");
    }
}
