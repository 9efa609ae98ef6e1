package org.biradsrepro.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.biradsrepro.experiment.Control;
import org.biradsrepro.experiment.Experiment;
import org.biradsrepro.experiment.Seeds;
import org.biradsrepro.results.Cell;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.train.Perturbation;
import org.biradsrepro.claims.Claims;
import org.biradsrepro.claims.ControlVerdict;
import org.biradsrepro.claims.Controls;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pre-declared controls ({@link Control}) on every backbone x split of the session ({@link MatrixSession}, the
 * matrix's own runs reused): {@code noisy-end}, whose effect is known, and {@code a-a}, which has none. Each is written
 * to {@code reportDir/controls/<id>/}, apart from the paper's results. Per backbone, the training-side facts that must
 * hold whatever the verdict rule: without them a control's verdict would say nothing about the pipeline. The verdicts
 * themselves belong in {@link #judge}. A shard judges part of the matrix, so the controls are skipped there: they run
 * on a whole session.
 */
@ExtendWith(MatrixSession.class)
class ControlsIT {

    private static Experiment experiment;
    private static List<RunResult> matrix;
    private static List<RunResult> noisyEnd;
    private static List<RunResult> aa;

    @BeforeAll
    static void computeControls(Experiment session) {
        Assumptions.assumeTrue(session.config().shard().whole(), () -> "shard " + session.config().shard().id()
                + " holds part of the matrix; the controls run on a whole session");
        experiment = session;
        matrix = MatrixSession.allRuns(session); // first: a-a takes its first run from the matrix, untrained again
        long started = System.nanoTime();
        noisyEnd = of(Control.NOISY_END);
        aa = of(Control.AA);
        System.out.printf(Locale.ROOT, "Controls: %d noisy-end and %d a-a runs in %.1f s, in %s and %s%n", noisyEnd.size(),
                aa.size(), (System.nanoTime() - started) / 1e9, session.controlDir(Control.NOISY_END).toAbsolutePath(),
                session.controlDir(Control.AA).toAbsolutePath());
        for (String backbone : session.config().backbones()) {
            System.out.println("CONTROL " + summary(Control.NOISY_END, backbone, noisyEnd) + "; "
                    + summary(Control.AA, backbone, aa));
        }
    }

    private static List<RunResult> of(Control control) {
        return experiment.cells().stream().map(c -> experiment.control(control, c.backbone(), c.split())).toList();
    }

    @Test
    @DisplayName("controls are stored apart from the paper's results, one file per cell, naming their control")
    void storedApart() {
        for (Control control : Control.values()) {
            Path dir = experiment.controlDir(control);
            assertThat(dir.normalize().startsWith(experiment.resultsDir().normalize())).as("%s inside results/", dir)
                    .isFalse();
            assertThat(ResultsFiles.runFiles(dir)).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrderElementsOf(experiment.cells().stream().map(Cell::fileName).toList());
            assertThat(ResultsFiles.readAll(dir)).allSatisfy(r ->
                    assertThat(r.control()).as("%s", r.fileName()).contains(control.id()));
        }
        assertThat(ResultsFiles.readAll(experiment.resultsDir())).as("the paper's results hold no control")
                .allSatisfy(r -> assertThat(r.control()).as("%s", r.fileName()).isEmpty());
    }

    @TestFactory
    @DisplayName("noisy-end")
    Stream<DynamicTest> noisyEndPerturbsTraining() {
        Perturbation.NoisyFinalEpochs noise = (Perturbation.NoisyFinalEpochs) Control.NOISY_END.perturbation();
        int budget = experiment.config().maxEpochs();
        int first = noise.firstEpoch(budget);
        return perBackbone(noisyEnd, r -> {
            String run = name(r);
            assertThat(r.lastEpoch()).as("%s trained the whole budget, early stopping off", run).isEqualTo(budget);
            assertThat(r.stoppedEarly()).as(run).isFalse();
            if (r.bestEpoch() >= first) {
                List<RunResult.Epoch> before = r.history().subList(0, first - 1);
                RunResult.Epoch lowest = before.stream().min(java.util.Comparator.comparingDouble(RunResult.Epoch::trainLoss))
                        .orElseThrow();
                throw new AssertionError(String.format(Locale.ROOT, "%s: the kept epoch %d is not before the perturbed epochs (%s):"
                        + " the control failed to perturb training. Lowest training loss before it %.4f (epoch"
                        + " %d); in the perturbed epochs %s", run, r.bestEpoch(), noise.describe(budget), lowest.trainLoss(),
                        lowest.epoch(), losses(r.history().subList(first - 1, r.history().size()))));
            }
            assertThat(predictions(r, RunResult.IMPROVED)).as("%s: kept and last-epoch weights predict alike", run)
                    .isNotEqualTo(predictions(r, RunResult.BASELINE));
            // Everything but the perturbation (and early stopping, which never changes a step) is the matrix run's: the
            // epochs both trained before it are the same, bit for bit.
            RunResult main = matrixRun(r);
            int shared = Math.min(first - 1, main.history().size());
            assertThat(r.history().subList(0, shared)).as("%s before the perturbation: the matrix run's epochs", run)
                    .isEqualTo(main.history().subList(0, shared));
        });
    }

    @TestFactory
    @DisplayName("a-a")
    Stream<DynamicTest> aaComparesTwoSeedsOfOneAlgorithm() {
        return perBackbone(aa, r -> {
            String run = name(r);
            RunResult.BaselineRun second = r.baselineRun();
            assertThat(r.pairing()).as(run).isEqualTo(RunResult.INDEPENDENT);
            assertThat(second).as("%s records its second run", run).isNotNull();
            assertThat(second.headSeed()).as("%s: second run's head seed", run)
                    .isEqualTo(Seeds.derive(r.seed(), Seeds.BASELINE_RUN_HEAD, r.split()))
                    .isNotEqualTo(Seeds.derive(r.seed(), Seeds.HEAD, r.split()));
            assertThat(second.shuffleSeed()).as("%s: second run's shuffle seed", run)
                    .isEqualTo(Seeds.derive(r.seed(), Seeds.BASELINE_RUN_SHUFFLE, r.split()))
                    .isNotEqualTo(Seeds.derive(r.seed(), Seeds.SHUFFLE, r.split()));
            assertThat(r.bestEpoch()).as("%s chooses no epoch", run).isEqualTo(r.lastEpoch());
            assertThat(r.variants().values()).extracting(RunResult.Variant::weights).containsOnly("last-epoch");
            assertThat(r.variants().get(RunResult.BASELINE).epoch()).isEqualTo(second.lastEpoch());
            RunResult main = matrixRun(r);
            assertThat(r.history()).as("%s: the first run is the matrix's", run).isEqualTo(main.history());
            if (main.isPaired()) {
                assertThat(predictions(r, RunResult.IMPROVED)).as("%s: the matrix run's last epoch", run)
                        .isDeepEqualTo(predictions(main, RunResult.BASELINE));
            }
        });
    }

    @Test
    @DisplayName("a-a, the negative control, is not judged reproduced")
    void negativeControl() {
        judge(aa);
    }

    @Test
    @DisplayName("noisy-end, the positive control, is judged reproduced")
    void positiveControl() {
        judge(noisyEnd);
    }

    /**
     * The controls' verdicts, judged like the paper's claims ({@link Controls#judge}: the pooled primary-metric claim,
     * by {@link Claims#RULE}): noisy-end must be judged reproduced, a-a must not be. A failure names the control and
     * its numbers: the pipeline cannot then be trusted to see, or to refrain from inventing, an effect.
     */
    static void judge(List<RunResult> runs) {
        {
            ControlVerdict v = Controls.judge(runs);
            Control control = Control.byId(v.id()).orElseThrow();
            assertThat(v.mustReproduce()).isEqualTo(control.mustBeReproduced());
            System.out.println("CONTROL " + v.summary() + " - " + v.pooledPrimary().reason());
            assertThat(v.passed()).as("control %s failed: %s", v.summary(), v.pooledPrimary().reason()).isTrue();
        }
    }

    /** One test per backbone, named after it, checking every one of its runs and failing with all that fail. */
    private static Stream<DynamicTest> perBackbone(List<RunResult> runs, java.util.function.Consumer<RunResult> check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String backbone : experiment.config().backbones()) {
            List<RunResult> own = runs.stream().filter(r -> r.backbone().equals(backbone)).toList();
            tests.add(dynamicTest(backbone, () -> {
                assertThat(own).as("%s's runs", backbone).isNotEmpty();
                List<String> failed = new ArrayList<>();
                for (RunResult r : own) {
                    try {
                        check.accept(r);
                    } catch (AssertionError e) {
                        failed.add(e.getMessage());
                    }
                }
                if (!failed.isEmpty()) {
                    throw new AssertionError(failed.size() + " of " + own.size() + " runs:\n" + String.join("\n", failed));
                }
            }));
        }
        return tests.stream();
    }

    private static RunResult matrixRun(RunResult control) {
        return matrix.stream().filter(m -> m.backbone().equals(control.backbone()) && m.split() == control.split())
                .findFirst().orElseThrow();
    }

    private static String name(RunResult r) {
        return r.control().orElse("?") + " " + r.backbone() + " split " + r.split();
    }

    private static double[][] predictions(RunResult r, String variant) {
        return r.variants().get(variant).predictions().stream().map(RunResult.Prediction::probabilities)
                .toArray(double[][]::new);
    }

    private static String losses(List<RunResult.Epoch> history) {
        return Arrays.toString(history.stream().mapToDouble(RunResult.Epoch::trainLoss)
                .mapToObj(l -> String.format(Locale.ROOT, "%.4f", l)).toArray());
    }

    /** Mean per-split improved - baseline of accuracy and macro ROC AUC, for the log; judges nothing. */
    private static String summary(Control control, String backbone, List<RunResult> runs) {
        List<RunResult> own = runs.stream().filter(r -> r.backbone().equals(backbone)).toList();
        return String.format(Locale.ROOT, "%s %s: mean improved - baseline over %d splits: accuracy %+.4f, ROC AUC "
                        + "macro %s", control.id(), backbone, own.size(), meanDifference(own, m -> m.accuracy()),
                own.stream().allMatch(r -> r.variants().values().stream().allMatch(v -> v.metrics().rocAucMacro() != null))
                        ? String.format(Locale.ROOT, "%+.4f", meanDifference(own, m -> m.rocAucMacro()))
                        : "undefined in some split");
    }

    private static double meanDifference(List<RunResult> runs, ToDoubleFunction<RunResult.MetricValues> metric) {
        return runs.stream().mapToDouble(r -> metric.applyAsDouble(r.variants().get(RunResult.IMPROVED).metrics())
                - metric.applyAsDouble(r.variants().get(RunResult.BASELINE).metrics())).average().orElse(Double.NaN);
    }
}
