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
                .contains("| UNINFORMATIVE, both variants learned nothing (baseline: 1 predicted class; macro ROC AUC "
                        + "0.5000 within 0.5 \u00b1 0.0000; improved: 1 predicted class;");
        assertThat(ConsoleSummary.line(SampleRuns.builder("regnet", 1).baselineLearnedNothing().build()))
                .endsWith("| baseline learned nothing (1 predicted class; macro ROC AUC 0.5000 within 0.5 \u00b1 0.0000)");
        assertThat(ConsoleSummary.line(SampleRuns.run("regnet", 1, 3, 8))).doesNotContain("learned nothing")
                .endsWith("images/s");
    }

    @Test
    void theClaimsSummaryTalliesEveryVerdictAndGivesEachBackboneAndThePaper() {
        List<RunResult> runs = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            runs.add(SampleRuns.builder("regnet", k).learnedNothing().build());
        }

        String summary = ConsoleSummary.claims(ClaimsFile.of(runs));

        assertThat(summary.lines().toList()).containsExactly(
                "Claims: 0 reproduced, 0 not reproduced, 0 inconclusive, 6 uninformative (of 6 backbone x metric claims)",
                "  regnet, all six metrics: UNINFORMATIVE - 0 of 6 claims reproduced, 0 not reproduced, 0 inconclusive, "
                        + "6 uninformative: the models learned nothing, so the claim was not tested.",
                "  paper's claim (all six metrics, all backbones): UNINFORMATIVE - 0 of 6 claims reproduced, 0 not "
                        + "reproduced, 0 inconclusive, 6 uninformative: the models learned nothing, so the claim was not "
                        + "tested; only 1 of the paper's six backbones ran (missing: resnet152, mobilenetv3, inceptionv3, "
                        + "nasnetlarge, nasnetmobile).");
    }
}
