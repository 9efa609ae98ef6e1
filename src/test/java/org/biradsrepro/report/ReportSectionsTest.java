package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.ClaimVerdict;
import org.biradsrepro.claims.Verdict;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.SampleRuns;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The page's sections: their order, and what each shows from hand-made runs and verdicts. */
class ReportSectionsTest {

    private static final ClaimVerdict.Interval CI = new ClaimVerdict.Interval(-0.02, 0.12);

    private static ClaimVerdict verdict(String backbone, String metric, int n, double smallestP, Verdict v) {
        double[] d = new double[n];
        List<Integer> splits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d[i] = 0.01 * (i + 1);
            splits.add(i + 1);
        }
        return new ClaimVerdict(backbone, metric, splits, d, 0, 0, 0.05, 0.0158, CI, CI, 2.5, 0.0331, 0.03125, true, smallestP, v,
                "because " + metric);
    }

    private static Document page(List<RunResult> runs, List<ClaimVerdict> verdicts) {
        return Jsoup.parse(HtmlReport.render(runs, verdicts));
    }

    @Test
    void verdictsComeFirstThenTable2ThenTheEvidence() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8)), List.of());

        assertThat(doc.select("main > section").eachAttr("id")).containsExactly("verdicts", "table2", "figure1", "loss",
                "diagnostics", "confusion", "roc-pr", "per-class", "dataset", "provenance", "benchmarks", "timings", "results");
        // The navigation links every section.
        assertThat(doc.select("nav a").eachAttr("href")).containsExactlyElementsOf(
                doc.select("main > section").eachAttr("id").stream().map(id -> "#" + id).toList());
    }

    @Test
    void verdictGridHasOneColouredCellPerBackboneAndMetricWithTheWord() {
        List<ClaimVerdict> verdicts = List.of(verdict("regnet", "accuracy", 5, 0.03125, Verdict.REPRODUCED),
                verdict("regnet", "f1Macro", 5, 0.03125, Verdict.NOT_REPRODUCED),
                verdict("resnet152", "rocAucMacro", 5, 0.03125, Verdict.INCONCLUSIVE));
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("resnet152", 1, 3, 8)), verdicts);

        Element grid = doc.selectFirst("table.verdicts");
        assertThat(grid.select("tbody tr")).hasSize(2);
        assertThat(grid.select("tbody tr").get(0).select("td")).hasSize(ClaimedMetric.values().length);
        Element regnetAccuracy = grid.select("tbody tr").get(0).select("td").get(ClaimedMetric.ACCURACY.ordinal());
        assertThat(regnetAccuracy.classNames()).contains("verdict", "reproduced");
        assertThat(regnetAccuracy.text()).contains("reproduced", "+0.0500", "[-0.0200, +0.1200]", "p = 0.0331", "n = 5 splits");
        assertThat(grid.select("tbody tr").get(0).select("td").get(ClaimedMetric.F1.ordinal()).classNames()).contains("not-reproduced");
        assertThat(grid.select("tbody tr").get(1).select("td").get(ClaimedMetric.ROC_AUC.ordinal()).classNames()).contains("inconclusive");
        assertThat(grid.select("tbody tr").get(1).select("td").get(ClaimedMetric.ACCURACY.ordinal()).text()).isEqualTo("not evaluated");
        assertThat(doc.selectFirst("p.tally").text()).contains("Of 3 claims").contains("1 reproduced", "1 not reproduced", "1 inconclusive");
        assertThat(doc.selectFirst("#verdicts").text()).contains("Rule.").contains("because f1Macro");
        // The answer first: the paper's claim (one not reproduced part refutes it), then each backbone's.
        List<String> overall = doc.select("ul.overall > li").eachText();
        assertThat(overall).hasSize(3);
        assertThat(overall.get(0)).startsWith("not reproduced all six metrics, all backbones: 1 of 3 reproduced, 1 not reproduced, 1 inconclusive");
        assertThat(overall.get(1)).startsWith("not reproduced regnet, all six metrics: 1 of 2 reproduced, 1 not reproduced, 0 inconclusive");
        assertThat(overall.get(2)).startsWith("inconclusive resnet152, all six metrics: 0 of 1 reproduced, 0 not reproduced, 1 inconclusive");
    }

    @Test
    void fiveSplitsCaveatSaysTwoSidedWilcoxonCanNeverReachFivePercent() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8)),
                List.of(verdict("regnet", "accuracy", 5, 0.03125, Verdict.INCONCLUSIVE),
                        verdict("regnet", "recallMacro", 4, 0.0625, Verdict.INCONCLUSIVE)));
        String text = doc.selectFirst("#verdicts").text();

        // 5 pairs: one-sided 1/32, two-sided 2/32 = 0.0625.
        assertThat(text).contains("With 5 paired splits the smallest p-value the exact Wilcoxon signed-rank test can reach is "
                + "0.0313 (one-sided; 0.0625 two-sided): one-sided it can reach 0.05 only when every split improves; two-sided it never can.");
        // 4 pairs: 1/16 = 0.0625 one-sided already.
        assertThat(text).contains("With 4 paired splits the smallest p-value the exact Wilcoxon signed-rank test can reach is "
                + "0.0625 (one-sided; 0.1250 two-sided): it can never reach p < 0.05, whatever the data.");
    }

    @Test
    void table2QuotesThePaperBesideTheReproduction() {
        Document doc = page(List.of(SampleRuns.run("inceptionv3", 1, 3, 8), SampleRuns.run("vgg", 1, 3, 8)), List.of());
        List<String> rows = doc.select("table.table2 tbody tr").eachText();

        assertThat(rows).containsSubsequence(
                "InceptionV3 (paper) last epoch 79.12% 83.76% 73.72% 0.73 0.87 0.82",
                "inceptionv3 (1 splits) last epoch 0.5000 ± n/a 0.4000 ± n/a 0.3500 ± n/a 0.3700 ± n/a 0.7100 ± n/a 0.3300 ± n/a",
                "inceptionv3 (1 splits) lowest loss 0.6000 ± n/a 0.4500 ± n/a 0.4000 ± n/a 0.4200 ± n/a 0.7400 ± n/a 0.3600 ± n/a",
                "Improved InceptionV3 (paper) lowest loss 94.41% 94.49% 94.27% 0.93 0.96 0.97",
                "InceptionV3 (paper) gain +0.1529 +0.1073 +0.2055 +0.2000 +0.0900 +0.1500");
        assertThat(rows).contains("The paper has no row for vgg.");
    }

    @Test
    void everyChartIsAnSvgWithItsTitle() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("regnet", 2, 4, 8)), List.of());

        // Figure 1: one per backbone; loss: one per run; ROC and PR: two per variant per backbone.
        assertThat(doc.select("#figure1 svg")).hasSize(1);
        assertThat(doc.select("#loss svg")).hasSize(2);
        assertThat(doc.select("#roc-pr svg")).hasSize(4);
        assertThat(doc.select("svg")).allSatisfy(svg -> {
            assertThat(svg.selectFirst("title")).isNotNull();
            assertThat(svg.select("polyline")).isNotEmpty();
        });
        assertThat(doc.select("#loss svg").get(1).text()).contains("kept 4").contains("early stop 8");
    }

    @Test
    void rocCurvesComeFromTheStoredProbabilities() {
        // SampleRuns: twelve test images per run, of classes 0 and 3, each ranked first in its own column: perfect ROC.
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8)), List.of());
        Element roc = doc.select("#roc-pr svg").get(0);

        assertThat(roc.select("title").text()).contains("ROC");
        // chance diagonal, class 0, class 3; classes 1, 2, 4, 5 have no test image.
        assertThat(roc.select("polyline")).hasSize(3);
        assertThat(doc.selectFirst("#roc-pr").text()).contains("No curve for B1 (0 of 12 test predictions)");
    }

    @Test
    void confusionMatricesAreSummedOverSplits() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("regnet", 2, 3, 8)), List.of());
        Element baseline = doc.select("#confusion table.confusion").get(0);

        // SampleRuns: row c has c + 1 on the diagonal and 1 in column c + 1 (mod 6); two splits double both.
        assertThat(baseline.select("tbody tr").get(2).select("td").eachText()).containsExactly("0", "0", "6", "2", "0", "0", "8");
    }

    @Test
    void perClassTableShowsDatasetCountsAndTestSupports() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("regnet", 2, 3, 8)), List.of());
        Element table = doc.selectFirst("#per-class table");

        // SampleRuns: dataset counts 2, 8, 3, 3, 2, 2; per-class support c + 1 per split.
        Element birads5 = table.select("tbody tr").get(5);
        assertThat(birads5.selectFirst("th").text()).isEqualTo("BI-RADS 5");
        assertThat(birads5.select("td").eachText()).startsWith("2", "12", "0.5500", "0.3000", "0.3500");
    }

    @Test
    void datasetSectionSaysHowSplitsWereDrawnAndListsIdenticalFilesAndNotes() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8)), List.of());
        Element table = doc.selectFirst("#dataset table.kv");

        // SampleRuns: layout folders, split by patient, 9 patients (7 / 2), one duplicate pair, one note.
        assertThat(row(table, "Layout")).isEqualTo("folders");
        assertThat(row(table, "Split unit")).isEqualTo("patient; 9 patients, 7 / 2 train / test in this split, none on both sides");
        assertThat(row(table, "Identical files")).contains("1 group(s)").contains("BI-RADS 1: BI-RADS 1/a.png, BI-RADS 1/a-copy.png");
        assertThat(row(table, "Notes")).isEqualTo("BI-RADS 5 has a single image: it stays on the training side of every split.");
    }

    private static String row(Element table, String header) {
        return table.select("tr").stream().filter(tr -> tr.selectFirst("th").text().equals(header)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + header)).selectFirst("td").text();
    }

    @Test
    void diagnosticsCountKeptEqualsLastAndEarlyStops() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("regnet", 2, 8, 8),
                SampleRuns.run("regnet", 3, 5, 9)), List.of());

        assertThat(doc.select("#diagnostics table").get(0).select("tbody tr").get(0).select("td").eachText())
                .containsExactly("regnet", "3", "1 of 3", "3.0, 5", "3 of 3", "0 of 6; 0 of 3 splits");
    }

    @Test
    void claimsWhoseRunsAllPredictThePriorShowAsUninformativeWithTheirOwnStyleAndWhy() {
        List<RunResult> runs = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            runs.add(SampleRuns.builder("regnet", k).learnedNothing().build());
            runs.add(SampleRuns.builder("resnet152", k).epochs(3, 8).build());
        }
        Document doc = Jsoup.parse(HtmlReport.render(runs));

        Element regnet = doc.selectFirst("table.verdicts").select("tbody tr").get(0);
        assertThat(regnet.selectFirst("th").text()).isEqualTo("regnet");
        assertThat(regnet.select("td")).hasSize(6).allSatisfy(td -> {
            assertThat(td.classNames()).contains("verdict", "uninformative");
            assertThat(td.text()).startsWith("uninformative").contains("learned nothing", "all 3 splits", "not tested");
        });
        Element resnet = doc.selectFirst("table.verdicts").select("tbody tr").get(1);
        assertThat(resnet.select("td")).noneSatisfy(td -> assertThat(td.classNames()).contains("uninformative"));
        List<String> overall = doc.select("ul.overall > li").eachText();
        assertThat(overall.get(0)).startsWith("inconclusive all six metrics, all backbones:")
                .contains("6 uninformative");
        assertThat(overall.get(1)).startsWith("uninformative regnet, all six metrics: 0 of 6 reproduced, 0 not reproduced, "
                + "0 inconclusive, 6 uninformative");
        assertThat(doc.select("ul.overall span.verdict.uninformative")).hasSize(1);
        assertThat(doc.selectFirst("p.tally").text()).contains("6 uninformative");
        Element note = doc.selectFirst("#verdicts div.uninformative-note");
        assertThat(note.text()).contains("6 of 12 claims", "the models learned nothing, so the claim was not tested",
                "On 3 of 6 backbone × split runs", "repro.claims=enforce does not fail on it");
        assertThat(doc.selectFirst("#verdicts").text()).contains("In 6 of 12 runs (backbone × split × variant) the model "
                + "learned nothing measurable");
        // Its own style, not inconclusive's grey.
        assertThat(doc.selectFirst("style").data()).contains(".verdict.uninformative{");

        Element diagnostics = doc.select("#diagnostics table").get(0);
        assertThat(diagnostics.select("tbody tr").get(0).select("td").last().text()).isEqualTo("6 of 6; 3 of 3 splits");
        Element perSplit = doc.select("#diagnostics table").get(1).select("tbody tr").get(0);
        Element learned = perSplit.select("td").get(perSplit.select("td").size() - 2);
        assertThat(learned.hasClass("learned-nothing")).isTrue();
        assertThat(learned.text()).contains("baseline: no (1 predicted class; macro ROC AUC 0.5000 within 0.5 ± 0.0000)",
                "uninformative: left out of the claims");
    }

    @Test
    void noUninformativeNoteWhenEveryRunLearnedSomething() {
        Document doc = Jsoup.parse(HtmlReport.render(List.of(SampleRuns.run("regnet", 1, 3, 8),
                SampleRuns.run("regnet", 2, 3, 8), SampleRuns.run("regnet", 3, 3, 8))));

        assertThat(doc.select("div.uninformative-note")).isEmpty();
        assertThat(doc.select("td.verdict.uninformative")).isEmpty();
        assertThat(doc.selectFirst("p.tally").text()).contains("0 uninformative");
    }
}
