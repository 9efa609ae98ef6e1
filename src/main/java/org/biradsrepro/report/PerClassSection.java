package org.biradsrepro.report;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.stats.Summary;

/**
 * Per-class metrics, mean over splits, with the supports behind them: a class of a few dozen images (the paper's
 * BI-RADS 5 has 24) gives a handful of test images per split, and its numbers move by whole images.
 */
final class PerClassSection {

    private record Column(String label, ToDoubleFunction<RunResult.PerClass> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("precision", RunResult.PerClass::precision),
            new Column("recall", RunResult.PerClass::recall),
            new Column("F1", RunResult.PerClass::f1),
            new Column("ROC AUC", c -> c.rocAuc() == null ? Double.NaN : c.rocAuc()),
            new Column("AP", c -> c.averagePrecision() == null ? Double.NaN : c.averagePrecision()));

    private PerClassSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        h.markup("<p>Mean over splits (n/a: undefined in every split, e.g. a class absent from the test side). "
                + "<em>Images</em>: in the dataset; <em>test support</em>: test images of the class, summed over splits. "
                + "The paper's data have 225 / 1865 / 278 / 387 / 102 / 24 images in BI-RADS 0&hellip;5.</p>").newline();
        for (Map.Entry<String, List<RunResult>> e : data.byBackbone().entrySet()) {
            List<RunResult> runs = e.getValue();
            h.element("h3", e.getKey()).markup("<table class=\"per-class\"><thead><tr><th rowspan=\"2\">Class</th>"
                    + "<th rowspan=\"2\">Images</th><th rowspan=\"2\">Test support</th>");
            for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                h.element("th", ReportData.variantLabel(variant), "colspan", String.valueOf(COLUMNS.size()), "class", variant);
            }
            h.markup("</tr><tr>");
            for (int v = 0; v < 2; v++) {
                COLUMNS.forEach(c -> h.element("th", c.label()));
            }
            h.markup("</tr></thead><tbody>");
            List<Integer> images = runs.get(0).dataset().classCounts();
            for (int c = 0; c < PooledPredictions.numClasses(runs); c++) {
                final int label = c;
                int support = runs.stream().mapToInt(r -> perClass(r, RunResult.BASELINE, label).support()).sum();
                h.open("tr").element("th", "BI-RADS " + c).element("td", c < images.size() ? images.get(c) : "?")
                        .element("td", support);
                for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                    for (Column col : COLUMNS) {
                        Summary s = Summary.of(runs.stream().mapToDouble(r -> col.value().applyAsDouble(perClass(r, variant, label))).toArray());
                        h.element("td", Html.num(s.mean()));
                    }
                }
                h.close("tr");
            }
            h.markup("</tbody></table>").newline();
        }
    }

    private static RunResult.PerClass perClass(RunResult r, String variant, int label) {
        return r.variants().get(variant).metrics().perClass().stream().filter(p -> p.label() == label).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Results file " + r.fileName() + " has no per-class metrics for class " + label));
    }
}
