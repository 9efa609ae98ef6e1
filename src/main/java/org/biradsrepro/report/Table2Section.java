package org.biradsrepro.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.PaperTable2;
import org.biradsrepro.metrics.KerasMetrics;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.stats.PairedComparison;
import org.biradsrepro.stats.Summary;

/**
 * The Table 2 analogue: the paper's printed numbers beside the reproduction's mean and standard deviation over
 * splits, under two definitions, then the paired differences split by split.
 *
 * <p>The reproduction's rows come twice. The macro rows are the suite's own definitions, those its claims judge. The
 * Keras-style rows score the same stored test predictions as the paper's Keras code most likely did ({@link
 * KerasMetrics}): the paper does not say how it averaged, but precision &ge; accuracy &ge; recall holds in every row
 * of its Table 2, which Keras' pooled precision and recall produce and macro averages do not, so its numbers are
 * compared with those rows.
 */
final class Table2Section {

    /** The first cell's tag of a Keras-style row, as the page shows it. */
    static final String KERAS_ROW = "Keras-style (the paper's likely definition)";

    private Table2Section() {}

    static void render(ReportData data, HtmlBuilder h) {
        Map<String, List<RunResult>> byBackbone = data.byBackbone();
        h.markup("<p class=\"definitions\">Rows <em>paper</em> quote the paper's Table 2 as printed (means over its "
                + "five test sets, baseline and improved from separate training runs). Rows named by the backbone alone "
                + "use this suite's definitions, those its claims judge (scikit-learn 1.2.1): accuracy, precision, "
                + "recall and F1 as macro averages over the classes, ROC AUC and average precision (PRC) one-vs-rest, "
                + "macro. Rows <em>" + KERAS_ROW + "</em> score the same stored test predictions as Keras 2's "
                + "default metrics do (read from Keras' source): <code>CategoricalAccuracy</code>; "
                + "<code>Precision()</code> and <code>Recall()</code>, each softmax output above 0.5 taken as a "
                + "positive against the one-hot label, counted over all n &times; 6 entries (a micro average); F1 of "
                + "that precision and recall; <code>AUC()</code> and <code>AUC(curve='PR')</code> on the flattened "
                + "entries over 200 thresholds. The paper's numbers are to be compared with the Keras-style rows: its "
                + "code was Keras, it does not say how it averaged, and precision &ge; accuracy &ge; recall holds in ")
                .text(orderedPaperRows() + " of " + 2 * PaperTable2.rows().size())
                .markup(" rows of its Table 2, the signature of Keras' pooled precision and recall (recall can never "
                + "exceed accuracy, and the precision of the outputs above 0.5 usually does), not of macro averages."
                + "</p>").newline();
        h.markup("<table class=\"table2\"><thead><tr><th>Backbone</th><th>Weights</th>");
        for (ClaimedMetric m : ClaimedMetric.values()) {
            h.element("th", table2Header(m));
        }
        h.markup("</tr></thead><tbody>");
        for (Map.Entry<String, List<RunResult>> e : byBackbone.entrySet()) {
            Optional<PaperTable2.Row> paper = PaperTable2.row(e.getKey());
            paper.ifPresent(row -> paperRow(h, row.paperName(), "last epoch", row.baseline()));
            kerasRow(h, e.getKey(), e.getValue(), RunResult.BASELINE);
            for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                h.open("tr", "class", variant).open("td").text(e.getKey()).markup(" ")
                        .element("small", "(" + e.getValue().size() + " splits)").close("td")
                        .element("td", weightsLabel(variant));
                for (ClaimedMetric m : ClaimedMetric.values()) {
                    summaryCell(h, ReportData.values(e.getValue(), variant, m));
                }
                h.close("tr");
            }
            kerasRow(h, e.getKey(), e.getValue(), RunResult.IMPROVED);
            paper.ifPresent(row -> paperRow(h, "Improved " + row.paperName(), "lowest loss", row.improved()));
            paper.ifPresent(row -> {
                h.open("tr", "class", "paper").open("td").text(row.paperName()).markup(" <small>(paper)</small>")
                        .close("td").element("td", "gain");
                for (ClaimedMetric m : ClaimedMetric.values()) {
                    h.element("td", Html.signed(row.improvedValue(m) - row.baselineValue(m)));
                }
                h.close("tr");
            });
            if (paper.isEmpty()) {
                h.open("tr", "class", "paper").open("td", "colspan", "8")
                        .element("small", "The paper has no row for " + e.getKey() + ".").close("td").close("tr");
            }
        }
        h.markup("</tbody></table>").newline();
        paired(byBackbone, h);
    }

    /**
     * One variant's Keras-style values, mean &plusmn; sd over the backbone's splits, each split's value {@link
     * KerasMetrics} of its stored test predictions; placed beside the paper's row of the same variant.
     */
    private static void kerasRow(HtmlBuilder h, String backbone, List<RunResult> runs, String variant) {
        List<KerasMetrics> perSplit = runs.stream().map(r -> keras(r, variant)).toList();
        h.open("tr", "class", "keras " + variant + "-keras").open("td").text(backbone).markup(" ")
                .element("small", "(" + runs.size() + " splits)").markup("<br>").element("small", KERAS_ROW)
                .close("td").element("td", weightsLabel(variant));
        for (ClaimedMetric m : ClaimedMetric.values()) {
            summaryCell(h, perSplit.stream().mapToDouble(k -> kerasValue(k, m)).toArray());
        }
        h.close("tr");
    }

    /** Keras' metrics of one run's variant, from the test predictions its results file stores. */
    static KerasMetrics keras(RunResult run, String variant) {
        RunResult.Variant v = run.variants().get(variant);
        int numClasses = v.metrics().perClass().size();
        return KerasMetrics.of(v.predictions().stream().mapToInt(RunResult.Prediction::label).toArray(),
                v.predictions().stream().map(RunResult.Prediction::probabilities).toArray(double[][]::new), numClasses);
    }

    /** The Keras value in the column of {@code m}: the paper's column that the claims' metric stands for. */
    static double kerasValue(KerasMetrics k, ClaimedMetric m) {
        return switch (m) {
            case ACCURACY -> k.accuracy();
            case PRECISION -> k.precision();
            case RECALL -> k.recall();
            case F1 -> k.f1();
            case ROC_AUC -> k.rocAuc();
            case PRC -> k.prAuc();
        };
    }

    /**
     * Table 2's column heads: the paper's names, without the claims' averaging, since the rows below hold more than
     * one definition and each row says which.
     */
    private static String table2Header(ClaimedMetric m) {
        return switch (m) {
            case ACCURACY -> "Accuracy";
            case PRECISION -> "Precision";
            case RECALL -> "Recall";
            case F1 -> "F1";
            case ROC_AUC -> "ROC AUC";
            case PRC -> "PRC";
        };
    }

    /** How many of the paper's printed rows, baseline and improved, have precision >= accuracy >= recall. */
    private static long orderedPaperRows() {
        return PaperTable2.rows().values().stream()
                .flatMap(row -> List.of(row.baseline(), row.improved()).stream())
                .filter(printed -> {
                    double accuracy = PaperTable2.fraction(printed.get(ClaimedMetric.ACCURACY.ordinal()));
                    double precision = PaperTable2.fraction(printed.get(ClaimedMetric.PRECISION.ordinal()));
                    double recall = PaperTable2.fraction(printed.get(ClaimedMetric.RECALL.ordinal()));
                    return precision >= accuracy && accuracy >= recall;
                })
                .count();
    }

    private static String weightsLabel(String variant) {
        return variant.equals(RunResult.BASELINE) ? "last epoch" : "lowest loss";
    }

    private static void summaryCell(HtmlBuilder h, double[] values) {
        Summary s = Summary.of(values);
        h.open("td").text(Html.num(s.mean())).markup(" &plusmn; ").text(Html.num(s.sd()));
        if (s.undefined() > 0) {
            h.markup(" ").element("small", "(" + s.undefined() + " undefined)");
        }
        h.close("td");
    }

    private static void paperRow(HtmlBuilder h, String name, String weights, List<String> printed) {
        h.open("tr", "class", "paper").open("td").text(name).markup(" <small>(paper)</small>").close("td")
                .element("td", weights);
        printed.forEach(v -> h.element("td", v));
        h.close("tr");
    }

    private static void paired(Map<String, List<RunResult>> byBackbone, HtmlBuilder h) {
        h.markup("<h3>Paired differences: improved minus baseline</h3>\n<p>Mean difference over splits (standard deviation), "
                + "then in how many splits the improved variant was better / equal / worse.</p><table><thead><tr><th>Backbone</th>");
        metricHeaders(h);
        h.markup("</tr></thead><tbody>");
        for (Map.Entry<String, List<RunResult>> e : byBackbone.entrySet()) {
            h.open("tr").element("td", e.getKey());
            for (ClaimedMetric m : ClaimedMetric.values()) {
                PairedComparison c = PairedComparison.of(ReportData.values(e.getValue(), RunResult.BASELINE, m),
                        ReportData.values(e.getValue(), RunResult.IMPROVED, m));
                String cls = c.difference().mean() > 0 ? "up" : c.difference().mean() < 0 ? "down" : "flat";
                h.open("td", "class", cls).text(Html.signed(c.difference().mean()) + " (" + Html.num(c.difference().sd()) + ")")
                        .markup("<br>").open("small").text(c.better() + " / " + c.equal() + " / " + c.worse());
                if (c.undefined() > 0) {
                    h.text(", " + c.undefined() + " undefined");
                }
                h.close("small").close("td");
            }
            h.close("tr");
        }
        h.markup("</tbody></table>").newline();
    }

    static void metricHeaders(HtmlBuilder h) {
        for (ClaimedMetric m : ClaimedMetric.values()) {
            h.element("th", m.label());
        }
    }
}
