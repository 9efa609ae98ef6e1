package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {

    @Test
    void aRunLineSaysWhichVariantsLearnedNothing() {
        assertThat(ConsoleSummary.line(SampleRuns.builder("regnet", 1).learnedNothing().build()))
                .startsWith("regnet split 1: 8 epochs (stopped early), kept epoch 3 | accuracy 0.5000 -> 0.6000")
                .contains("| both variants at chance (baseline: 1 predicted class; macro ROC AUC "
                        + "0.5000 within 0.5 \u00b1 0.0000; improved: 1 predicted class;");
        assertThat(ConsoleSummary.line(SampleRuns.builder("regnet", 1).baselineLearnedNothing().build()))
                .endsWith("| baseline learned nothing (1 predicted class; macro ROC AUC 0.5000 within 0.5 \u00b1 0.0000)");
        assertThat(ConsoleSummary.line(SampleRuns.run("regnet", 1, 3, 8))).doesNotContain("learned nothing")
                .endsWith("images/s");
    }

    @Test
    void theClaimsSummaryTalliesEveryVerdictAndGivesThePrimaryEachBackboneAndThePaper() {
        List<RunResult> runs = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            runs.add(SampleRuns.builder("regnet", k).epochs(8, 8).build());
        }

        String summary = ConsoleSummary.claims(ClaimsFile.of(runs));

        assertThat(summary.lines().toList()).hasSize(4);
        assertThat(summary.lines().toList().get(0)).isEqualTo("Claims: 0 reproduced, 0 paper's gain ruled out, "
                + "0 undetectable, 6 not exercised, 0 uninformative (of 6 backbone x metric claims)");
        assertThat(summary.lines().toList().get(1)).startsWith("  primary, ROC AUC (OvR macro) pooled over the backbones: "
                + "NOT EXERCISED - the kept epoch was the last epoch on all 3 split(s)");
        assertThat(summary.lines().toList().get(2)).startsWith("  regnet, all six metrics: NOT_EXERCISED - on every split");
        assertThat(summary.lines().toList().get(3)).startsWith("  paper's claim (all six metrics, all backbones): "
                + "NOT_EXERCISED").endsWith("only 1 of the paper's six backbones ran (missing: resnet152, mobilenetv3, "
                + "inceptionv3, nasnetlarge, nasnetmobile).");
    }
}
