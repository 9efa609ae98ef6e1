package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.claims.Controls;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.SampleRuns;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The page's sections: their order, and what each shows from hand-made runs and verdicts. */
class ReportSectionsTest {

    /** Runs whose six metrics all move by {@code d[k]} on split k + 1, kept epoch {@code best}, last epoch 8. */
    private static List<RunResult> runs(String backbone, int best, double... d) {
        List<RunResult> runs = new ArrayList<>();
        for (int k = 0; k < d.length; k++) {
            runs.add(SampleRuns.builder(backbone, k + 1).epochs(best, 8)
                    .baseline(SampleRuns.metrics(0.5, 0.4, 0.35, 0.37, 0.71, 0.33))
                    .improved(SampleRuns.metrics(0.5 + d[k], 0.4 + d[k], 0.35 + d[k], 0.37 + d[k], 0.71 + d[k], 0.33 + d[k]))
                    .build());
        }
        return runs;
    }

    private static Document page(List<RunResult> runs) {
        return Jsoup.parse(HtmlReport.render(runs));
    }

    @Test
    void verdictsComeFirstThenTable2ThenTheEvidence() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8)));

        assertThat(doc.select("main > section").eachAttr("id")).containsExactly("verdicts", "decomposition", "table2", "figure1", "loss",
                "diagnostics", "confusion", "roc-pr", "per-class", "dataset", "provenance", "benchmarks", "timings", "results");
        // The navigation links every section.
        assertThat(doc.select("nav a").eachAttr("href")).containsExactlyElementsOf(
                doc.select("main > section").eachAttr("id").stream().map(id -> "#" + id).toList());
    }

    @Test
    void verdictGridHasOneColouredCellPerBackboneAndMetricWithTheWordTheIntervalAndWhatWasDetectable() {
        List<RunResult> all = new ArrayList<>(runs("regnet", 3, 0.15, 0.12, 0.18, 0.16, 0.13));
        all.addAll(runs("nasnetlarge", 8, 0, 0, 0, 0, 0));
        Document doc = page(all);

        Element grid = doc.selectFirst("table.verdicts");
        assertThat(grid.select("tbody tr")).hasSize(2);
        assertThat(grid.select("tbody tr").get(0).select("td")).hasSize(ClaimedMetric.values().length);
        Element regnetAccuracy = grid.select("tbody tr").get(0).select("td").get(ClaimedMetric.ACCURACY.ordinal());
        assertThat(regnetAccuracy.classNames()).contains("verdict", "reproduced");
        assertThat(regnetAccuracy.text()).contains("reproduced", "+0.1480", "90% interval: [+", "sign-flip p = 0.0313",
                "MDE80 = +", "paper's gain +0.0565", "n = 5 splits");
        Element bar = regnetAccuracy.selectFirst("svg.interval-bar");
        assertThat(bar).isNotNull();
        assertThat(bar.select("line.zero, line.mde, path.paper-gain, line.interval, circle.mean")).hasSize(5);
        assertThat(bar.selectFirst("title").text()).contains("mean +0.1480", "paper's gain +0.0565");
        Element nasnet = grid.select("tbody tr").get(1).select("td").get(ClaimedMetric.ROC_AUC.ordinal());
        assertThat(nasnet.classNames()).contains("not-exercised");
        assertThat(nasnet.text()).contains("not exercised", "kept epoch = last epoch on all 5 splits");
        assertThat(nasnet.select("svg")).isEmpty();
        assertThat(doc.selectFirst("p.tally").text()).contains("Of 12 claims", "6 reproduced", "6 not exercised");
        assertThat(doc.selectFirst("#verdicts").text()).contains("Rule.", "Primary metric (declared before any result): "
                + "ROC AUC (OvR macro), pooled over the backbones:");
        List<String> overall = doc.select("ul.overall > li").eachText();
        assertThat(overall).hasSize(3);
        assertThat(overall.get(0)).startsWith("inconclusive all six metrics, all backbones: 6 of 12 reproduced");
        assertThat(overall.get(1)).startsWith("reproduced regnet, all six metrics: 6 of 6 reproduced");
        assertThat(overall.get(2)).startsWith("not exercised nasnetlarge, all six metrics: 0 of 6 reproduced");
        assertThat(doc.select("table.verdicts")).as("per backbone, then pooled").hasSize(2);
        assertThat(doc.selectFirst("div.exercise-note").text()).contains("In 5 of 10 runs the kept epoch was the last",
                "0 of 120 test predictions changed class");
    }

    @Test
    void aClaimWhoseMetricNeverMovedSaysSoBesideItWithTheMetricsStep() {
        Document doc = page(runs("inceptionv3", 3, 0, 0, 0, 0, 0));

        Element accuracy = doc.selectFirst("table.verdicts").select("tbody tr").get(0).select("td")
                .get(ClaimedMetric.ACCURACY.ordinal());
        assertThat(accuracy.selectFirst("small.unchanged").text())
                .isEqualTo("unchanged on every split: no test prediction changed class; its step 0.0833");
        Element auc = doc.selectFirst("table.verdicts").select("tbody tr").get(0).select("td")
                .get(ClaimedMetric.ROC_AUC.ordinal());
        assertThat(auc.selectFirst("small.unchanged").text()).isEqualTo("unchanged on every split: the metric did not "
                + "move; its step 0.0139");
    }

    @Test
    void thePageSaysWhatADifferenceIsUnderEachPairing() {
        String paired = page(runs("regnet", 3, 0.1, 0.1, 0.1)).selectFirst("header").text();
        assertThat(paired).contains("same training run");
        List<RunResult> independent = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            independent.add(SampleRuns.builder("regnet", k).independent().build());
        }
        Document doc = page(independent);
        assertThat(doc.selectFirst("header").text()).contains("two independent training runs").doesNotContain("same training run");
        assertThat(doc.selectFirst("#verdicts").text()).doesNotContain("identical weights");
    }

    @Test
    void table2QuotesThePaperBesideTheReproduction() {
        Document doc = page(List.of(SampleRuns.run("inceptionv3", 1, 3, 8), SampleRuns.run("vgg", 1, 3, 8)));
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
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("regnet", 2, 4, 8)));

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
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8)));
        Element roc = doc.select("#roc-pr svg").get(0);

        assertThat(roc.select("title").text()).contains("ROC");
        // chance diagonal, class 0, class 3; classes 1, 2, 4, 5 have no test image.
        assertThat(roc.select("polyline")).hasSize(3);
        assertThat(doc.selectFirst("#roc-pr").text()).contains("No curve for B1 (0 of 12 test predictions)");
    }

    @Test
    void confusionMatricesAreSummedOverSplits() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("regnet", 2, 3, 8)));
        Element baseline = doc.select("#confusion table.confusion").get(0);

        // SampleRuns: row c has c + 1 on the diagonal and 1 in column c + 1 (mod 6); two splits double both.
        assertThat(baseline.select("tbody tr").get(2).select("td").eachText()).containsExactly("0", "0", "6", "2", "0", "0", "8");
    }

    @Test
    void perClassTableShowsDatasetCountsAndTestSupports() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("regnet", 2, 3, 8)));
        Element table = doc.selectFirst("#per-class table");

        // SampleRuns: dataset counts 2, 8, 3, 3, 2, 2; per-class support c + 1 per split.
        Element birads5 = table.select("tbody tr").get(5);
        assertThat(birads5.selectFirst("th").text()).isEqualTo("BI-RADS 5");
        assertThat(birads5.select("td").eachText()).startsWith("2", "12", "0.5500", "0.3000", "0.3500");
    }

    @Test
    void datasetSectionSaysHowSplitsWereDrawnAndListsIdenticalFilesAndNotes() {
        Document doc = page(List.of(SampleRuns.run("regnet", 1, 3, 8)));
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
                SampleRuns.run("regnet", 3, 5, 9)));

        assertThat(doc.select("#diagnostics table").get(0).select("tbody tr").get(0).select("td").eachText())
                .containsExactly("regnet", "3", "1 of 3", "3.0, 5", "3 of 3", "0 of 6; 0 of 3 splits");
    }

    @Test
    void runsThatLearnedNothingAreADiagnosticNotAnExclusion() {
        List<RunResult> runs = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            runs.add(SampleRuns.builder("regnet", k).learnedNothing().build());
        }
        Document doc = Jsoup.parse(HtmlReport.render(runs));

        assertThat(doc.select("table.verdicts td.verdict")).noneSatisfy(td -> assertThat(td.classNames()).contains("uninformative"));
        assertThat(doc.selectFirst("#verdicts").text()).contains("In 6 of 6 runs (backbone × split × variant) the test "
                + "predictions are one class", "it excludes nothing from the verdicts");
        Element perSplit = doc.select("#diagnostics table").get(1).select("tbody tr").get(0);
        Element learned = perSplit.select("td").get(perSplit.select("td").size() - 2);
        assertThat(learned.hasClass("learned-nothing")).isTrue();
        assertThat(learned.text()).contains("baseline: no (1 predicted class; macro ROC AUC 0.5000 within 0.5 ± 0.0000)",
                "both at chance: a diagnostic; the verdicts keep this split");
    }

    @Test
    void theControlsAreListedApartWithTheVerdictTheyDemand() {
        List<RunResult> spike = new ArrayList<>();
        for (RunResult r : runs("regnet", 3, 0.15, 0.12, 0.18, 0.16, 0.13)) {
            spike.add(SampleRuns.builder("regnet", r.split()).config(Controls.ID_KEY, "noisy-end")
                    .config(Controls.DESCRIPTION_KEY, "learning rate x100 in the final 3 epochs.")
                    .config(Controls.EXPECT_KEY, Controls.MUST_REPRODUCE)
                    .baseline(r.variants().get(RunResult.BASELINE).metrics())
                    .improved(r.variants().get(RunResult.IMPROVED).metrics()).build());
        }
        List<RunResult> paper = runs("regnet", 3, 0, 0, 0, 0, 0);
        ClaimsFile.Contents claims = ClaimsFile.of(paper, List.of(Controls.judge(spike)));
        Document doc = Jsoup.parse(HtmlReport.render(new ReportData(paper, claims, List.of(), java.util.Optional.empty())));

        Element control = doc.selectFirst("#verdicts li.control");
        assertThat(control.text()).startsWith("passed noisy-end: learning rate x100 in the final 3 epochs. Must be judged "
                + "reproduced; judged reproduced.").contains("Per backbone: regnet reproduced (+0.1480)");
        assertThat(doc.select("table.verdicts").text()).doesNotContain("+0.1480");
    }

    @Test
    void theDecompositionSectionShowsEachPartAndThePlots() {
        List<RunResult> runs = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            runs.add(SampleRuns.builder("regnet", k).epochs(3, 8)
                    .baseline(SampleRuns.metrics(0.5, 0.4, 0.35, 0.37, 0.71, 0.33))
                    .improved(SampleRuns.metrics(0.52, 0.4, 0.35, 0.37, 0.72, 0.33))
                    .replicate(SampleRuns.metrics(0.48, 0.4, 0.35, 0.37, 0.70, 0.33),
                            SampleRuns.metrics(0.49, 0.4, 0.35, 0.37, 0.70 + 0.01 * k, 0.33), 3, 8).build());
        }
        Document doc = page(runs);

        Element section = doc.selectFirst("#decomposition");
        assertThat(section.select("table.decomposition tbody tr")).hasSize(6);
        String accuracy = section.select("table.decomposition tbody tr").get(0).text();
        // Cross-run gain 0.52 - 0.48 = 0.04 = checkpoint part 0.02 + A/A part 0.02; checkpoint effect (0.02 + 0.01) / 2.
        assertThat(accuracy).startsWith("regnet Accuracy +0.0565 +0.0400 = +0.0200 + 0.0200 +0.0150 [");
        assertThat(accuracy).contains("6 of 6 [0.54, 1.00]");
        assertThat(section.text()).contains("lower bound", "two 5-split experiments of Algorithm 1");
        assertThat(section.select("svg.chart")).hasSize(2);
        assertThat(section.select("svg.chart title").eachText()).containsExactly(
                "regnet: ROC AUC (OvR macro) per split, two runs",
                "A/A differences, ROC AUC (OvR macro), all backbones and splits");
        assertThat(Jsoup.parse(HtmlReport.render(List.of(SampleRuns.run("regnet", 1, 3, 8)))).selectFirst("#decomposition")
                .text()).contains("No decomposition", "repro.replicates");
    }
}
