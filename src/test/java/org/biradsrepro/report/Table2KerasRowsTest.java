package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biradsrepro.metrics.KerasMetrics;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.stats.Summary;
import org.biradsrepro.testing.SampleRuns;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Table 2's Keras-style rows: the paper's likely definitions of its metrics, computed from the stored test predictions
 * of each split, beside the suite's macro rows, with the note that says which row uses which definition.
 */
class Table2KerasRowsTest {

    private static Document page(List<RunResult> runs) {
        return Jsoup.parse(HtmlReport.render(runs));
    }

    /** {@code run} with the improved variant's stored predictions replaced (its stored metrics left as they were). */
    private static RunResult withImprovedPredictions(RunResult run, List<RunResult.Prediction> predictions) {
        RunResult.Variant v = run.variants().get(RunResult.IMPROVED);
        Map<String, RunResult.Variant> variants = new LinkedHashMap<>(run.variants());
        variants.put(RunResult.IMPROVED,
                new RunResult.Variant(v.weights(), v.epoch(), v.monitoredLoss(), v.metrics(), v.chance(), predictions));
        return new RunResult(run.backbone(), run.backboneVariant(), run.split(), run.seed(), run.splitSeed(), run.config(),
                run.dataset(), run.versions(), run.machine(), run.weights(), run.history(), run.monitor(),
                run.bestEpoch(), run.lastEpoch(), run.stoppedEarly(), run.pairing(), run.baselineRun(), run.training(),
                variants, run.createdAt());
    }

    private static List<String> cells(Element row) {
        return row.select("td").eachText();
    }

    @Test
    void theNoteSaysWhichDefinitionEachRowUsesAndWhyThePaperIsComparedWithKerasStyle() {
        Element note = page(List.of(SampleRuns.run("regnet", 1, 3, 8))).selectFirst("#table2 p.definitions");

        assertThat(note).isNotNull();
        assertThat(note.text()).contains("Rows paper quote the paper's Table 2 as printed",
                "Rows named by the backbone alone use this suite's definitions, those its claims judge",
                "macro averages", "Rows Keras-style (the paper's likely definition) score the same stored test predictions",
                "Precision() and Recall(), each softmax output above 0.5", "counted over all n × 6 entries",
                "AUC() and AUC(curve='PR')", "200 thresholds",
                "The paper's numbers are to be compared with the Keras-style rows",
                // fixtures/paper/table2.tsv: all 6 backbones x 2 variants are ordered so.
                "precision ≥ accuracy ≥ recall holds in 12 of 12 rows of its Table 2");
        // The note stands above the table.
        assertThat(note.nextElementSibling().is("table.table2")).isTrue();
    }

    @Test
    void eachVariantHasAKerasStyleRowBesideThePapersRowOfThatVariant() {
        Document doc = page(List.of(SampleRuns.run("inceptionv3", 1, 3, 8), SampleRuns.run("inceptionv3", 2, 3, 8)));
        List<String> rows = doc.select("table.table2 tbody tr").eachText();

        // SampleRuns: 12 test images of classes 0 and 3, each row's top output on its label, the other five equal.
        // Baseline top 0.25 (rest 0.15), improved top 0.5 (rest 0.1): every image right, no output above 0.5
        // (0.5 is not): accuracy 1, precision divide_no_nan(0, 0) = 0, recall 0, F1 0. AUC, flattened: positives
        // 0.25 in bucket ceil(199 * 0.25) - 1 = 49, negatives 0.15 in 29 (improved: 0.5 in 99, 0.1 in 19): every
        // positive above every negative, ROC AUC 1 and PR AUC 1. The two splits are equal: sd 0.
        String keras = "(2 splits) Keras-style (the paper's likely definition)";
        String values = "1.0000 ± 0.0000 0.0000 ± 0.0000 0.0000 ± 0.0000 0.0000 ± 0.0000 1.0000 ± 0.0000 1.0000 ± 0.0000";
        assertThat(rows).containsSubsequence(
                "InceptionV3 (paper) last epoch 79.12% 83.76% 73.72% 0.73 0.87 0.82",
                "inceptionv3 " + keras + " last epoch " + values,
                "inceptionv3 (2 splits) last epoch 0.5000 ± 0.0000 0.4000 ± 0.0000 0.3500 ± 0.0000 0.3700 ± 0.0000 "
                        + "0.7100 ± 0.0000 0.3300 ± 0.0000",
                "inceptionv3 (2 splits) lowest loss 0.6000 ± 0.0000 0.4500 ± 0.0000 0.4000 ± 0.0000 0.4200 ± 0.0000 "
                        + "0.7400 ± 0.0000 0.3600 ± 0.0000",
                "inceptionv3 " + keras + " lowest loss " + values,
                "Improved InceptionV3 (paper) lowest loss 94.41% 94.49% 94.27% 0.93 0.96 0.97");
        assertThat(doc.select("table.table2 tr.keras")).hasSize(2);
        // The column heads name the paper's metrics, not one averaging: the rows below hold two.
        assertThat(doc.select("table.table2 thead th").eachText())
                .containsExactly("Backbone", "Weights", "Accuracy", "Precision", "Recall", "F1", "ROC AUC", "PRC");
    }

    @Test
    void kerasStyleValuesAreKerasMetricsOfEachSplitsStoredPredictionsAveragedOverSplits() {
        // Split 2's improved predictions: the 7-image confident classifier of KerasMetricsTest, widened to the six
        // BI-RADS columns with zeros (never above 0.5): accuracy 5/7, TP 4, FP 1, FN 3, so precision 4/5, recall
        // 4/7, F1 2/3 on that split; split 1 keeps SampleRuns' 1, 0, 0, 0.
        int[] labels = {0, 1, 2, 0, 1, 2, 0};
        double[][] p = {
            {0.9, 0.05, 0.05, 0, 0, 0}, {0.1, 0.8, 0.1, 0, 0, 0}, {0.2, 0.1, 0.7, 0, 0, 0}, {0.7, 0.2, 0.1, 0, 0, 0},
            {0.4, 0.35, 0.25, 0, 0, 0}, {0.3, 0.3, 0.4, 0, 0, 0}, {0.2, 0.6, 0.2, 0, 0, 0},
        };
        List<RunResult.Prediction> confident = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            confident.add(new RunResult.Prediction("BI-RADS " + labels[i] + "/x" + i + ".png", labels[i], p[i]));
        }
        List<RunResult> runs = List.of(SampleRuns.run("resnet152", 1, 3, 8),
                withImprovedPredictions(SampleRuns.run("resnet152", 2, 3, 8), confident));
        Element row = page(runs).select("table.table2 tr.keras").get(1);

        // Hand: accuracy (1 + 5/7)/2 = 0.857143, sd |1 - 5/7| / sqrt(2) = 0.202031; precision (0 + 0.8)/2 = 0.4,
        // sd 0.8/sqrt(2) = 0.565685; recall (4/7)/2 = 0.285714, sd 0.404061; F1 (2/3)/2 = 0.333333, sd 0.471405.
        assertThat(cells(row).subList(1, 6)).containsExactly("lowest loss", "0.8571 ± 0.2020", "0.4000 ± 0.5657",
                "0.2857 ± 0.4041", "0.3333 ± 0.4714");

        // Every cell of both rows: KerasMetrics of each split's stored predictions, mean ± sd over the splits.
        List<Element> kerasRows = page(runs).select("table.table2 tr.keras");
        List<String> variants = List.of(RunResult.BASELINE, RunResult.IMPROVED);
        for (int v = 0; v < 2; v++) {
            String variant = variants.get(v);
            List<KerasMetrics> perSplit = runs.stream().map(r -> {
                List<RunResult.Prediction> ps = r.variants().get(variant).predictions();
                return KerasMetrics.of(ps.stream().mapToInt(RunResult.Prediction::label).toArray(),
                        ps.stream().map(RunResult.Prediction::probabilities).toArray(double[][]::new), 6);
            }).toList();
            double[][] columns = {
                perSplit.stream().mapToDouble(KerasMetrics::accuracy).toArray(),
                perSplit.stream().mapToDouble(KerasMetrics::precision).toArray(),
                perSplit.stream().mapToDouble(KerasMetrics::recall).toArray(),
                perSplit.stream().mapToDouble(KerasMetrics::f1).toArray(),
                perSplit.stream().mapToDouble(KerasMetrics::rocAuc).toArray(),
                perSplit.stream().mapToDouble(KerasMetrics::prAuc).toArray(),
            };
            List<String> expected = new ArrayList<>();
            for (double[] column : columns) {
                Summary s = Summary.of(column);
                expected.add(Html.num(s.mean()) + " ± " + Html.num(s.sd()));
            }
            assertThat(cells(kerasRows.get(v)).subList(2, 8)).as(variant).containsExactlyElementsOf(expected);
        }
    }
}
