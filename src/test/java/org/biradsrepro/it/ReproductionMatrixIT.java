package org.biradsrepro.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.experiment.Experiment;
import org.biradsrepro.metrics.ChanceLevel;
import org.biradsrepro.report.ConsoleSummary;
import org.biradsrepro.report.HtmlReport;
import org.biradsrepro.results.RunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reproduction matrix: one test case per backbone x split x {baseline, improved}, on the dataset and profile
 * the {@code repro.*} settings name (by default the bundled phantoms, fixture profile). Training runs once per
 * backbone x split; both variants' cases reuse it. Each case asserts what must hold whatever the data; whether the
 * paper's claim holds is judged by {@link PaperClaimsIT} on the same session ({@link MatrixSession}). With
 * {@code repro.shard=i/n} the matrix is that shard's cells alone (its test names say which ran).
 */
@ExtendWith(MatrixSession.class)
class ReproductionMatrixIT {

    private static ReproConfig config;
    private static Experiment experiment;

    @BeforeAll
    static void open(Experiment session) {
        experiment = session;
        config = session.config();
    }

    @AfterAll
    static void report() {
        if (experiment == null) {
            return;
        }
        Path page = HtmlReport.write(config.reportDir());
        System.out.println("Report: " + page.toAbsolutePath());
        assertThat(page).exists().isNotEmptyFile();
    }

    /** The cells of this run's shard ({@code repro.shard}; every cell by default) x both variants. */
    static Stream<Arguments> matrix() {
        return MatrixSession.cells().stream().flatMap(c -> Stream.of(RunResult.BASELINE, RunResult.IMPROVED)
                .map(v -> Arguments.of(c.backbone(), c.split(), v)));
    }

    @ParameterizedTest(name = "{0} · split {1} · {2}")
    @MethodSource("matrix")
    void invariantsHold(String backbone, int split, String variant) {
        Experiment.Run run = experiment.run(backbone, split);
        RunResult r = run.result();
        if (variant.equals(RunResult.BASELINE)) {
            System.out.println(ConsoleSummary.line(r));
        }
        RunResult.Variant v = r.variants().get(variant);
        RunResult.MetricValues m = v.metrics();
        int testSize = r.dataset().testSize();

        assertThat(List.of(m.accuracy(), m.precisionMacro(), m.recallMacro(), m.f1Macro(), m.precisionWeighted(),
                m.recallWeighted(), m.f1Weighted())).allSatisfy(x -> assertThat(x).isBetween(0.0, 1.0));
        Stream.of(m.rocAucMacro(), m.averagePrecisionMacro()).filter(x -> x != null)
                .forEach(x -> assertThat(x).isBetween(0.0, 1.0));
        assertThat(Arrays.stream(m.confusionMatrix()).flatMapToInt(Arrays::stream).sum()).isEqualTo(testSize);
        assertThat(m.perClass()).extracting(RunResult.PerClass::support).containsExactlyElementsOf(r.dataset().testClassCounts());

        assertThat(v.predictions()).hasSize(testSize);
        Set<String> ids = new HashSet<>();
        for (RunResult.Prediction p : v.predictions()) {
            assertThat(ids.add(p.id())).as("duplicate test id %s", p.id()).isTrue();
            assertThat(Path.of(r.dataset().root()).resolve(p.id())).exists();
            assertThat(p.probabilities()).hasSize(BiradsCategory.COUNT);
            assertThat(Arrays.stream(p.probabilities()).sum()).isCloseTo(1.0, within(1e-5));
        }
        // The file carries enough to recompute the metrics: do so by another route than metrics.Metrics, which
        // wrote them (SecondOpinion: counts, F1 as 2TP/(2TP+FP+FN), AUC over every positive-negative pair).
        int[] labels = v.predictions().stream().mapToInt(RunResult.Prediction::label).toArray();
        double[][] probabilities = v.predictions().stream().map(RunResult.Prediction::probabilities).toArray(double[][]::new);
        SecondOpinion recomputed = SecondOpinion.of(labels, probabilities, BiradsCategory.COUNT);
        assertThat(recomputed.confusion()).isDeepEqualTo(m.confusionMatrix());
        assertThat(recomputed.accuracy()).isCloseTo(m.accuracy(), within(1e-12));
        assertThat(recomputed.f1Macro()).isCloseTo(m.f1Macro(), within(1e-12));
        if (m.rocAucMacro() == null) {
            assertThat(recomputed.rocAucMacro()).isNaN();
        } else {
            assertThat(recomputed.rocAucMacro()).isCloseTo(m.rocAucMacro(), within(1e-12));
        }
        ChanceLevel chance = ChanceLevel.of(labels, probabilities, BiradsCategory.COUNT);
        assertThat(v.chance().uninformative()).as(v.chance().reason()).isEqualTo(chance.uninformative());
        assertThat(v.chance().reason()).isEqualTo(chance.reason());

        RunResult.Variant baseline = r.variants().get(RunResult.BASELINE);
        RunResult.Variant improved = r.variants().get(RunResult.IMPROVED);
        assertThat(improved.monitoredLoss()).isEqualTo(lowest(r.history(), r.monitor()));
        assertThat(r.bestEpoch()).isBetween(1, r.lastEpoch());
        assertThat(r.lastEpoch()).isEqualTo(r.history().size()).isLessThanOrEqualTo(config.maxEpochs());
        assertThat(r.pairing()).isEqualTo(config.pairing().id());
        if (r.isPaired()) {
            run.trained().ifPresent(t -> assertThat(t.baselineOutcome()).isSameAs(t.outcome()));
            assertThat(improved.monitoredLoss()).isLessThanOrEqualTo(baseline.monitoredLoss());
            if (r.bestEpoch() == r.lastEpoch()) {
                assertThat(improved.predictions()).usingRecursiveFieldByFieldElementComparator()
                        .containsExactlyElementsOf(baseline.predictions());
            }
        } else {
            RunResult.BaselineRun second = r.baselineRun();
            run.trained().ifPresent(t -> assertThat(t.baselineOutcome()).as("independent pairing trains a second run")
                    .isNotSameAs(t.outcome()));
            assertThat(baseline.epoch()).isEqualTo(second.lastEpoch()).isEqualTo(second.history().size());
            assertThat(second.bestEpoch()).isBetween(1, second.lastEpoch());
        }
        // A run reused from an earlier session's file (same origin, MatrixSession) has no outcome to look into, but its
        // file records the same comparison, made when it was trained.
        assertThat(r.training().restoreBitExact())
                .as("restoring the kept weights reproduces, bit for bit, the outputs they gave when kept").isTrue();
        run.trained().ifPresent(t -> assertThat(t.outcome().probeAfterRestore()).isEqualTo(t.outcome().probeAtBest()));
        assertThat(Files.exists(experiment.resultsDir().resolve(r.fileName()))).isTrue();
    }

    private static double lowest(List<RunResult.Epoch> history, String monitor) {
        return history.stream().mapToDouble(e -> monitor.equals("loss") ? e.trainLoss() : e.validationLoss())
                .min().orElseThrow();
    }
}
