package org.biradsrepro.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.Test;

class EpochDiagnosticsTest {

    @Test
    void countsKeptLastEpochsGapsAndEarlyStopsPerBackbone() {
        List<RunResult> results = List.of(
                SampleRuns.run("resnet152", 2, 3, 8),
                SampleRuns.run("resnet152", 1, 200, 200),
                SampleRuns.run("resnet152", 3, 10, 15),
                SampleRuns.run("regnet", 1, 4, 4));

        List<EpochDiagnostics> d = EpochDiagnostics.perBackbone(results);

        // The paper's Table 2 order, whatever order the results come in.
        assertThat(d).extracting(EpochDiagnostics::backbone).containsExactly("regnet", "resnet152");
        EpochDiagnostics resnet = d.get(1);
        assertThat(resnet.runs()).extracting(EpochDiagnostics.Run::split).containsExactly(1, 2, 3);
        assertThat(resnet.runs()).extracting(EpochDiagnostics.Run::epochsApart).containsExactly(0, 5, 5);
        assertThat(resnet.keptIsLast()).isEqualTo(1);
        assertThat(resnet.stoppedEarly()).as("the sample runs stop early below the 200-epoch budget").isEqualTo(2);
        assertThat(resnet.meanEpochsApart()).isEqualTo(10 / 3.0);
        assertThat(resnet.maxEpochsApart()).isEqualTo(5);
        assertThat(resnet.runs().get(0).baselineLastEpoch()).as("paired: the baseline is this run's last epoch")
                .isEqualTo(200);
        assertThat(d.get(0).keptIsLast()).isEqualTo(1);
    }

    @Test
    void marksRunsThatLearnedNothingWithWhatTheCheckFound() {
        List<RunResult> results = List.of(
                SampleRuns.builder("regnet", 1).learnedNothing().build(),
                SampleRuns.builder("regnet", 2).baselineLearnedNothing().build(),
                SampleRuns.run("regnet", 3, 3, 8));

        EpochDiagnostics d = EpochDiagnostics.perBackbone(results).get(0);

        assertThat(d.uninformativeRuns()).isEqualTo(3);
        assertThat(d.learnedNothing()).isEqualTo(1);
        assertThat(d.runs()).extracting(EpochDiagnostics.Run::learnedNothing).containsExactly(true, false, false);
        EpochDiagnostics.Run prior = d.runs().get(0);
        assertThat(prior.baselineUninformative()).isTrue();
        assertThat(prior.improvedChance()).startsWith("1 predicted class; macro ROC AUC 0.5000 within 0.5");
        EpochDiagnostics.Run half = d.runs().get(1);
        assertThat(half.baselineUninformative()).isTrue();
        assertThat(half.improvedUninformative()).isFalse();
        assertThat(half.improvedChance()).startsWith("2 predicted classes; macro ROC AUC 1.0000 outside 0.5");
        assertThat(EpochDiagnostics.learnedNothing(results.get(0))).isTrue();
        assertThat(EpochDiagnostics.learnedNothing(results.get(1))).isFalse();
    }

    @Test
    void independentPairingReportsTheSeparateRunsLastEpochForTheBaseline() {
        RunResult p = SampleRuns.run("resnet152", 1, 3, 8);
        RunResult independent = new RunResult(p.backbone(), p.backboneVariant(), p.split(), p.seed(), p.splitSeed(),
                p.config(), p.dataset(), p.versions(), p.machine(), p.weights(), p.history(), p.monitor(), p.bestEpoch(),
                p.lastEpoch(), p.stoppedEarly(), RunResult.INDEPENDENT,
                new RunResult.BaselineRun(1, 2, p.history(), 11, 200, false), p.training(), p.variants(),
                p.createdAt());

        EpochDiagnostics.Run run = EpochDiagnostics.perBackbone(List.of(independent)).get(0).runs().get(0);

        assertThat(run.bestEpoch()).isEqualTo(3);
        assertThat(run.lastEpoch()).isEqualTo(8);
        assertThat(run.baselineLastEpoch()).isEqualTo(200);
        assertThat(run.baselineStoppedEarly()).isFalse();
    }
}
