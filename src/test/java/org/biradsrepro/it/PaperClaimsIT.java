package org.biradsrepro.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.biradsrepro.claims.ClaimVerdict;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.Claims;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.claims.OverallVerdict;
import org.biradsrepro.claims.Verdict;
import org.biradsrepro.config.ClaimsMode;
import org.biradsrepro.config.Shard;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.experiment.Experiment;
import org.biradsrepro.metrics.ChanceLevel;
import org.biradsrepro.report.ConsoleSummary;
import org.biradsrepro.results.RunResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The paper's claims, judged on the reproduction matrix's runs (the same session, trained once whichever class
 * runs first): one test per backbone x metric, e.g. {@code resnet152 · F1 (macro)}, then one per backbone and
 * one for the paper's claim. Each test checks that the verdict follows from the runs by {@link Claims#RULE};
 * with {@code repro.claims=report} (the default) the verdict is then recorded (standard output, the test's report
 * entry, {@code claims.json} in the report folder) and the test passes whatever it is; with
 * {@code repro.claims=enforce} a claim judged not reproduced fails, with its numbers ({@link Claims#failsBuild}); an
 * uninformative claim, whose runs learned nothing, never fails. With {@code repro.shard=i/n} the claims are judged
 * on that shard's cells alone ({@code claims.json} lists them under {@code coverage}), a backbone with no cell in
 * the shard is skipped with the reason, and nothing is enforced: the merged results are where a gate belongs.
 */
@ExtendWith(MatrixSession.class)
class PaperClaimsIT {

    private static Experiment experiment;
    private static List<RunResult> results;
    private static ClaimsFile.Contents contents;

    @BeforeAll
    static void judge(Experiment session) {
        experiment = session;
        results = MatrixSession.allRuns(session);
        contents = ClaimsFile.of(results);
        Path file = ClaimsFile.write(session.config().reportDir(), contents);
        System.out.println("Claims (" + contents.pairing() + " pairing, repro.claims=" + session.config().claims().id()
                + "): " + file.toAbsolutePath() + "\nRule: " + Claims.RULE + "\n" + ConsoleSummary.claims(contents));
    }

    @TestFactory
    @DisplayName("paper claims")
    Stream<DynamicTest> claims(TestReporter reporter) {
        // A shard judges only its own cells; its verdicts on part of a backbone's splits gate nothing: the merge does.
        Shard shard = experiment.config().shard();
        ClaimsMode mode = shard.whole() ? experiment.config().claims() : ClaimsMode.REPORT;
        List<DynamicTest> tests = new ArrayList<>();
        assertThat(contents.coverage().cells()).hasSize(results.size());
        assertThat(contents.coverage().complete()).isEqualTo(shard.whole());
        for (String absent : experiment.config().backbones()) {
            if (results.stream().noneMatch(r -> r.backbone().equals(absent))) {
                tests.add(dynamicTest(absent, () -> Assumptions.abort("shard " + shard.id() + " holds no cell of "
                        + absent + "; its claims are judged where its cells ran, and on the merged results")));
            }
        }
        for (ClaimVerdict v : contents.claims()) {
            tests.add(dynamicTest(v.backbone() + " · " + v.metricLabel(), () -> {
                followsFromTheRuns(v);
                record(reporter, v.backbone() + " · " + v.metricLabel(), v.verdict(), v.reason() + " " + v.wilcoxonNote());
                enforce(mode, v.verdict(), v.backbone() + " · " + v.metricLabel(), numbers(v));
            }));
        }
        List<OverallVerdict> combined = new ArrayList<>(contents.backbones());
        combined.add(contents.paper());
        for (OverallVerdict o : combined) {
            tests.add(dynamicTest(o.scope(), () -> {
                assertThat(o.reproduced() + o.notReproduced() + o.inconclusive() + o.uninformative())
                        .isEqualTo(o.claims()).isEqualTo(o.backbones().size() * ClaimedMetric.values().length);
                assertThat(o.verdict() == Verdict.REPRODUCED).isEqualTo(o.reproduced() == o.claims()
                        && (o.backbones().size() == 1 || o.backbones().size() == 6));
                assertThat(o.verdict() == Verdict.NOT_REPRODUCED).isEqualTo(o.notReproduced() > 0);
                assertThat(o.verdict() == Verdict.UNINFORMATIVE).isEqualTo(o.uninformative() == o.claims());
                record(reporter, o.scope(), o.verdict(), o.reason());
                enforce(mode, o.verdict(), o.scope(), o.reason());
            }));
        }
        return tests.stream();
    }

    /**
     * Recomputes the differences from the runs and the verdict from the rule's thresholds, independently; a split
     * is left out when both variants' stored predictions fail the chance check, and the stored check must agree.
     */
    private static void followsFromTheRuns(ClaimVerdict v) {
        ClaimedMetric metric = ClaimedMetric.byKey(v.metric());
        List<Integer> splits = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        int learnedNothing = 0;
        for (RunResult r : results) {
            if (!r.backbone().equals(v.backbone())) {
                continue;
            }
            RunResult.Variant b = r.variants().get(RunResult.BASELINE);
            RunResult.Variant i = r.variants().get(RunResult.IMPROVED);
            if (uninformative(b) && uninformative(i)) {
                learnedNothing++;
                continue;
            }
            Double baseline = metric.of(b.metrics());
            Double improved = metric.of(i.metrics());
            if (baseline != null && improved != null) {
                splits.add(r.split());
                differences.add(improved - baseline);
            }
        }
        assertThat(v.uninformativePairs()).isEqualTo(learnedNothing);
        assertThat(v.splits()).isEqualTo(splits);
        assertThat(v.splits().size() + v.undefinedPairs() + v.uninformativePairs())
                .isEqualTo((int) results.stream().filter(r -> r.backbone().equals(v.backbone())).count());
        assertThat(v.differences()).containsExactly(differences.stream().mapToDouble(Double::doubleValue).toArray());
        double mean = differences.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (!differences.isEmpty()) {
            assertThat(v.mean()).isCloseTo(mean, within(1e-12));
        }
        int ran = (int) results.stream().filter(r -> r.backbone().equals(v.backbone())).count();
        Verdict expected = learnedNothing == ran ? Verdict.UNINFORMATIVE
                : differences.size() < Claims.MIN_PAIRS ? Verdict.INCONCLUSIVE
                : !(mean > 0) ? Verdict.NOT_REPRODUCED
                : v.nadeauBengioP() < Claims.ALPHA ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE;
        assertThat(v.verdict()).as("verdict by the rule for %s", numbers(v)).isEqualTo(expected);
    }

    /** The chance check on the stored predictions, which must agree with the check stored beside them. */
    private static boolean uninformative(RunResult.Variant v) {
        int[] labels = v.predictions().stream().mapToInt(RunResult.Prediction::label).toArray();
        double[][] probabilities = v.predictions().stream().map(RunResult.Prediction::probabilities)
                .toArray(double[][]::new);
        boolean uninformative = ChanceLevel.of(labels, probabilities, BiradsCategory.COUNT).uninformative();
        assertThat(v.chance().uninformative()).as("stored chance check: %s", v.chance().reason()).isEqualTo(uninformative);
        return uninformative;
    }

    private static void record(TestReporter reporter, String claim, Verdict verdict, String why) {
        System.out.println("CLAIM " + claim + ": " + verdict + " - " + why);
        reporter.publishEntry("verdict", verdict.name());
        reporter.publishEntry("reason", why);
    }

    private static void enforce(ClaimsMode mode, Verdict verdict, String claim, String numbers) {
        if (Claims.failsBuild(mode, verdict)) {
            fail("repro.claims=enforce: the claim '%s' is not reproduced: %s", claim, numbers);
        }
    }

    private static String numbers(ClaimVerdict v) {
        return String.format(Locale.ROOT, "%s Differences %s over splits %s; mean %+.4f, sd %.4f, corrected t 95%% "
                        + "[%.4f, %.4f], Nadeau-Bengio t %.3f, one-sided p %.4f; Wilcoxon one-sided p %.4f",
                v.reason(), Arrays.toString(v.differences()), v.splits(), v.mean(), v.sd(), v.t95().low(),
                v.t95().high(), v.nadeauBengioT(), v.nadeauBengioP(), v.wilcoxonP());
    }
}
