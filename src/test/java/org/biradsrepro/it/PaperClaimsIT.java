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
import org.biradsrepro.claims.CombinedVerdict;
import org.biradsrepro.claims.OverallVerdict;
import org.biradsrepro.claims.Verdict;
import org.biradsrepro.config.ClaimsMode;
import org.biradsrepro.config.Shard;
import org.biradsrepro.experiment.Experiment;
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
 * {@code repro.claims=enforce} a claim whose paper's gain is ruled out after Holm's adjustment fails, with its
 * numbers ({@link Claims#failsBuild}); a claim not exercised, undetectable or uninformative never fails. With {@code repro.shard=i/n} the claims are judged
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
                record(reporter, v.backbone() + " · " + v.metricLabel(), v.verdict().word(), v.reason());
                if (Claims.failsBuild(mode, v)) {
                    fail("repro.claims=enforce: the paper's gain is ruled out for '%s' after Holm's adjustment: %s",
                            v.backbone() + " · " + v.metricLabel(), numbers(v));
                }
            }));
        }
        List<OverallVerdict> combined = new ArrayList<>(contents.backbones());
        combined.add(contents.paper());
        for (OverallVerdict o : combined) {
            tests.add(dynamicTest(o.scope(), () -> {
                assertThat(o.reproduced() + o.gainRuledOut() + o.undetectable() + o.notExercised() + o.uninformative())
                        .isEqualTo(o.claims()).isEqualTo(o.backbones().size() * ClaimedMetric.values().length);
                boolean allReproduced = o.reproduced() == o.claims() && (o.backbones().size() == 1 || o.backbones().size() == 6);
                assertThat(o.verdict() == CombinedVerdict.REPRODUCED).isEqualTo(allReproduced);
                assertThat(o.verdict() == CombinedVerdict.GAIN_RULED_OUT).isEqualTo(!allReproduced && o.ruledOutAfterHolm() > 0);
                assertThat(o.ruledOutAfterHolm()).isLessThanOrEqualTo(o.gainRuledOut());
                assertThat(o.verdict() == CombinedVerdict.NOT_EXERCISED)
                        .isEqualTo(!allReproduced && o.ruledOutAfterHolm() == 0 && o.notExercised() == o.claims());
                record(reporter, o.scope(), o.verdict().word(), o.reason());
                if (Claims.failsBuild(mode, o.verdict())) {
                    fail("repro.claims=enforce: the paper's gain is ruled out for '%s': %s", o.scope(), o.reason());
                }
            }));
        }
        return tests.stream();
    }

    /**
     * Recomputes, independently of the claims package, the differences from the runs, which splits had identical
     * weights, the exact sign-flip p by enumerating every sign vector, and the verdict from the rule's thresholds and
     * the stored corrected-t numbers.
     */
    private static void followsFromTheRuns(ClaimVerdict v) {
        ClaimedMetric metric = ClaimedMetric.byKey(v.metric());
        List<Integer> splits = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        int identical = 0;
        int ran = 0;
        boolean paired = true;
        for (RunResult r : results) {
            if (!r.backbone().equals(v.backbone())) {
                continue;
            }
            ran++;
            paired &= r.isPaired();
            identical += r.isPaired() && r.bestEpoch() == r.lastEpoch() ? 1 : 0;
            Double baseline = metric.of(r.variants().get(RunResult.BASELINE).metrics());
            Double improved = metric.of(r.variants().get(RunResult.IMPROVED).metrics());
            if (baseline != null && improved != null) {
                splits.add(r.split());
                differences.add(improved - baseline);
            }
        }
        assertThat(v.splits()).isEqualTo(splits);
        assertThat(v.splits().size() + v.undefinedPairs()).isEqualTo(ran);
        assertThat(v.exercise().identicalWeights()).isEqualTo(paired ? identical : 0);
        double[] d = differences.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(v.differences()).containsExactly(d);
        Verdict expected;
        if (paired && identical == ran) {
            expected = Verdict.NOT_EXERCISED;
        } else if (d.length < Claims.MIN_PAIRS) {
            expected = Verdict.UNINFORMATIVE;
        } else {
            double mean = Arrays.stream(d).average().orElseThrow();
            assertThat(v.estimate().mean()).isCloseTo(mean, within(1e-12));
            assertThat(v.tests().signFlipP()).isCloseTo(signFlipGreater(d), within(1e-12));
            assertThat(v.estimate().sdUsed()).isGreaterThanOrEqualTo(v.estimate().resolution()).isGreaterThan(0);
            expected = mean > 0 && v.tests().nadeauBengioP() < Claims.ALPHA && v.tests().signFlipP() < Claims.ALPHA
                    ? Verdict.REPRODUCED
                    : v.estimate().upper95() < v.paperGain() ? Verdict.GAIN_RULED_OUT : Verdict.UNDETECTABLE;
        }
        assertThat(v.verdict()).as("verdict by the rule for %s", numbers(v)).isEqualTo(expected);
    }

    /** The share of the 2^k sign vectors whose signed sum is at least the observed sum, by plain enumeration. */
    private static double signFlipGreater(double[] d) {
        double observed = Arrays.stream(d).sum();
        double tolerance = 1e-9 * Arrays.stream(d).map(Math::abs).sum();
        int atLeast = 0;
        for (int signs = 0; signs < 1 << d.length; signs++) {
            double sum = 0;
            for (int j = 0; j < d.length; j++) {
                sum += ((signs >> j) & 1) == 1 ? -d[j] : d[j];
            }
            atLeast += sum >= observed - tolerance ? 1 : 0;
        }
        return (double) atLeast / (1 << d.length);
    }

    private static void record(TestReporter reporter, String claim, String verdict, String why) {
        System.out.println("CLAIM " + claim + ": " + verdict + " - " + why);
        reporter.publishEntry("verdict", verdict);
        reporter.publishEntry("reason", why);
    }

    private static String numbers(ClaimVerdict v) {
        return String.format(Locale.ROOT, "%s Differences %s over splits %s; mean %+.4f, sd %.4f (used %.4f), one-sided "
                        + "bounds [%.4f, %.4f], corrected t %.3f, p %.4f; sign-flip p %.4f; paper's gain %.4f",
                v.reason(), Arrays.toString(v.differences()), v.splits(), v.estimate().mean(), v.estimate().sd(),
                v.estimate().sdUsed(), v.estimate().lower95(), v.estimate().upper95(), v.tests().nadeauBengioT(),
                v.tests().nadeauBengioP(), v.tests().signFlipP(), v.paperGain());
    }
}
