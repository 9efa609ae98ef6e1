package org.biradsrepro.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.config.ClaimsMode;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.stats.NadeauBengio;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.Test;

class ClaimsTest {

    /** One run per split whose six metrics all move by {@code d[k]} from a fixed baseline. */
    static List<RunResult> runs(String backbone, double... d) {
        List<RunResult> runs = new ArrayList<>();
        for (int k = 0; k < d.length; k++) {
            runs.add(SampleRuns.builder(backbone, k + 1)
                    .baseline(SampleRuns.metrics(0.5, 0.4, 0.35, 0.37, 0.71, 0.33))
                    .improved(SampleRuns.metrics(0.5 + d[k], 0.4 + d[k], 0.35 + d[k], 0.37 + d[k], 0.71 + d[k], 0.33 + d[k]))
                    .build());
        }
        return runs;
    }

    /** As {@link #runs}, every run's two variants predicting the class prior for every test image. */
    static List<RunResult> priorOnly(String backbone, double... d) {
        List<RunResult> runs = new ArrayList<>();
        for (RunResult r : runs(backbone, d)) {
            runs.add(SampleRuns.builder(backbone, r.split()).learnedNothing()
                    .baseline(r.variants().get(RunResult.BASELINE).metrics())
                    .improved(r.variants().get(RunResult.IMPROVED).metrics()).build());
        }
        return runs;
    }

    static ClaimVerdict accuracy(List<ClaimVerdict> verdicts, String backbone) {
        return verdicts.stream().filter(v -> v.backbone().equals(backbone) && v.metric().equals("accuracy"))
                .findFirst().orElseThrow();
    }

    @Test
    void oneVerdictPerBackboneAndPaperMetricInTableTwoOrder() {
        List<RunResult> results = new ArrayList<>(runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03));
        results.addAll(runs("regnet", 0.05, 0.04, 0.06, 0.055, 0.03));

        List<ClaimVerdict> verdicts = Claims.evaluate(results);

        assertThat(verdicts).extracting(v -> v.backbone() + "/" + v.metric()).containsExactly(
                "regnet/accuracy", "regnet/precisionMacro", "regnet/recallMacro", "regnet/f1Macro",
                "regnet/rocAucMacro", "regnet/averagePrecisionMacro",
                "resnet152/accuracy", "resnet152/precisionMacro", "resnet152/recallMacro", "resnet152/f1Macro",
                "resnet152/rocAucMacro", "resnet152/averagePrecisionMacro");
    }

    @Test
    void aConsistentImprovementIsReproducedWithTheNumbersBehindIt() {
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03)), "resnet152");

        assertThat(v.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.splits()).containsExactly(1, 2, 3, 4, 5);
        assertThat(v.differences()).containsExactly(new double[] {0.05, 0.04, 0.06, 0.055, 0.03}, within(1e-12));
        assertThat(v.mean()).isCloseTo(0.047, within(1e-12));
        // The sample runs have 15 training and 5 test images: n_test/n_train = 1/3 enters the correction.
        assertThat(v.nadeauBengioP()).isCloseTo(NadeauBengio.test(v.differences(), 1.0 / 3).pGreater(), within(1e-15))
                .isLessThan(0.05);
        assertThat(v.t95().low()).isGreaterThan(0);
        assertThat(v.bootstrap95().low()).isGreaterThan(0).isLessThan(v.mean());
        assertThat(v.wilcoxonP()).as("all five improve: the exact floor").isEqualTo(1.0 / 32);
        assertThat(v.wilcoxonExact()).isTrue();
        assertThat(v.reason()).contains("+0.0470", "5 improve", "p = ");
    }

    @Test
    void noDifferenceAtAllIsNotReproduced() {
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", 0, 0, 0, 0, 0)), "resnet152");

        assertThat(v.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(v.reason()).contains("did not beat", "5 tie");
        assertThat(v.wilcoxonP()).isNaN();
    }

    @Test
    void aNegativeMeanIsNotReproducedEvenWhenSomeSplitsImprove() {
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", 0.02, -0.05, 0.01, -0.03, -0.01)), "resnet152");

        assertThat(v.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(v.mean()).isNegative();
    }

    @Test
    void aPositiveMeanThatIsNotSignificantIsInconclusive() {
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", 0.10, -0.08, 0.05, -0.04, 0.02)), "resnet152");

        assertThat(v.mean()).isPositive();
        assertThat(v.nadeauBengioP()).isGreaterThanOrEqualTo(0.05);
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.reason()).contains("not below 0.05");
    }

    @Test
    void tooFewSplitsAreInconclusiveWhateverTheDirection() {
        assertThat(accuracy(Claims.evaluate(runs("resnet152", -0.2, -0.3)), "resnet152").verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", 0.2, 0.3)), "resnet152");
        assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(v.reason()).contains("fewer than the 3");
    }

    @Test
    void undefinedRankingMetricsAreLeftOutAndCounted() {
        List<RunResult> results = new ArrayList<>(runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03));
        for (int k : new int[] {2, 4}) {
            results.set(k - 1, SampleRuns.builder("resnet152", k)
                    .baseline(SampleRuns.metrics(0.5, 0.4, 0.35, 0.37, null, null))
                    .improved(SampleRuns.metrics(0.55, 0.45, 0.4, 0.42, null, null)).build());
        }

        ClaimVerdict auc = Claims.evaluate(results).stream().filter(v -> v.metric().equals("rocAucMacro"))
                .findFirst().orElseThrow();

        assertThat(auc.splits()).containsExactly(1, 3, 5);
        assertThat(auc.undefinedPairs()).isEqualTo(2);
        assertThat(auc.differences()).hasSize(3);
        assertThat(auc.reason()).contains("2 split(s) left out as undefined");
    }

    @Test
    void theWilcoxonNoteSaysWhenFiveSplitsCanAndFourCannotReachFivePercent() {
        ClaimVerdict five = accuracy(Claims.evaluate(runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03)), "resnet152");
        ClaimVerdict four = accuracy(Claims.evaluate(runs("resnet152", 0.05, 0.04, 0.06, 0.05)), "resnet152");

        assertThat(five.wilcoxonSmallestP()).isEqualTo(1.0 / 32);
        assertThat(five.wilcoxonCanReachFivePercent()).isTrue();
        assertThat(five.wilcoxonNote()).contains("1/32", "only when every pair improves");
        assertThat(four.wilcoxonCanReachFivePercent()).isFalse();
        assertThat(four.wilcoxonNote()).contains("1/16 = 0.0625", "can never reach 0.05");
        assertThat(accuracy(Claims.evaluate(runs("resnet152", 1 / 72.0, 1 / 72.0, 0, -2 / 72.0, 3 / 72.0)), "resnet152")
                .wilcoxonNote()).contains("normal approximation");
    }

    @Test
    void aBackboneHoldsOnlyWhenAllSixMetricsHoldAndThePaperClaimNeedsAllSixBackbones() {
        List<RunResult> results = new ArrayList<>(runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03));
        results.addAll(runs("regnet", 0.02, -0.05, 0.01, -0.03, -0.01));
        List<ClaimVerdict> verdicts = Claims.evaluate(results);

        List<OverallVerdict> perBackbone = Claims.perBackbone(verdicts);
        assertThat(perBackbone).extracting(OverallVerdict::scope, OverallVerdict::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("regnet, all six metrics", Verdict.NOT_REPRODUCED),
                org.assertj.core.groups.Tuple.tuple("resnet152, all six metrics", Verdict.REPRODUCED));
        assertThat(perBackbone.get(1).reproduced()).isEqualTo(6);

        OverallVerdict paper = Claims.paperClaim(verdicts);
        assertThat(paper.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(paper.claims()).isEqualTo(12);
        assertThat(paper.reason()).contains("regnet Accuracy");

        OverallVerdict onlyOne = Claims.paperClaim(Claims.evaluate(runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03)));
        assertThat(onlyOne.verdict()).as("one backbone reproduced is not the paper's claim").isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(onlyOne.reason()).contains("only 1 of the paper's six backbones", "missing: regnet, mobilenetv3");
    }

    @Test
    void aClaimWhoseRunsAllPredictThePriorIsUninformativeNotRefuted() {
        // Without the chance check these differences (no change at all) would be NOT_REPRODUCED, as the control shows.
        assertThat(accuracy(Claims.evaluate(runs("resnet152", 0, 0, 0, 0, 0)), "resnet152").verdict())
                .isEqualTo(Verdict.NOT_REPRODUCED);
        List<ClaimVerdict> verdicts = Claims.evaluate(priorOnly("resnet152", 0, 0, 0, 0, 0));

        assertThat(verdicts).hasSize(6).allSatisfy(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.UNINFORMATIVE);
            assertThat(v.uninformativePairs()).isEqualTo(5);
            assertThat(v.undefinedPairs()).isZero();
            assertThat(v.splits()).isEmpty();
            assertThat(v.reason()).contains("on all 5 split(s) both variants learned nothing", "not tested");
        });
        OverallVerdict backbone = Claims.perBackbone(verdicts).get(0);
        assertThat(backbone.verdict()).isEqualTo(Verdict.UNINFORMATIVE);
        assertThat(backbone.uninformative()).isEqualTo(6);
        assertThat(backbone.reason()).contains("0 of 6 claims reproduced, 0 not reproduced, 0 inconclusive, 6 uninformative",
                "learned nothing");
        OverallVerdict paper = Claims.paperClaim(verdicts);
        assertThat(paper.verdict()).as("nothing was tested, on however many backbones").isEqualTo(Verdict.UNINFORMATIVE);
        assertThat(paper.reason()).contains("only 1 of the paper's six backbones");
    }

    @Test
    void splitsWhereBothVariantsLearnedNothingAreLeftOutAndTheRestJudgedByTheRule() {
        List<RunResult> results = new ArrayList<>(runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03));
        // Splits 2 and 4 learned nothing: their (positive) differences are left out, not counted for or against.
        results.set(1, priorOnly("resnet152", 0, 0.04).get(1));
        results.set(3, priorOnly("resnet152", 0, 0, 0, -0.5).get(3));

        ClaimVerdict v = accuracy(Claims.evaluate(results), "resnet152");

        assertThat(v.splits()).containsExactly(1, 3, 5);
        assertThat(v.uninformativePairs()).isEqualTo(2);
        assertThat(v.undefinedPairs()).isZero();
        assertThat(v.differences()).containsExactly(new double[] {0.05, 0.06, 0.03}, within(1e-12));
        assertThat(v.nadeauBengioP()).isCloseTo(NadeauBengio.test(v.differences(), 1.0 / 3).pGreater(), within(1e-15));
        assertThat(v.verdict()).isEqualTo(v.nadeauBengioP() < Claims.ALPHA ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE)
                .isEqualTo(Verdict.REPRODUCED);
        assertThat(v.reason()).contains("2 split(s) left out because both variants learned nothing");

        // Three splits that learned nothing leave two: too few for the rule, inconclusive rather than uninformative.
        results.set(2, priorOnly("resnet152", 0, 0, 0.06).get(2));
        ClaimVerdict two = accuracy(Claims.evaluate(results), "resnet152");
        assertThat(two.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(two.uninformativePairs()).isEqualTo(3);
        assertThat(two.reason()).contains("2 split(s) with both values defined and a variant that learned something",
                "fewer than the 3");
        OverallVerdict backbone = Claims.perBackbone(Claims.evaluate(results)).get(0);
        assertThat(backbone.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(backbone.reason()).endsWith("; splits left out because both variants learned nothing: resnet152 3 of 5.");
    }

    @Test
    void aSplitWhereOnlyOneVariantLearnedSomethingStaysIn() {
        List<RunResult> results = new ArrayList<>();
        for (RunResult r : runs("resnet152", -0.05, -0.04, -0.06, -0.055, -0.03)) {
            results.add(SampleRuns.builder("resnet152", r.split()).baselineLearnedNothing()
                    .baseline(r.variants().get(RunResult.BASELINE).metrics())
                    .improved(r.variants().get(RunResult.IMPROVED).metrics()).build());
        }

        ClaimVerdict v = accuracy(Claims.evaluate(results), "resnet152");

        assertThat(v.uninformativePairs()).isZero();
        assertThat(v.splits()).containsExactly(1, 2, 3, 4, 5);
        assertThat(v.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void uninformativeBackbonesMakeThePaperClaimInconclusiveUnlessAnotherRefutesIt() {
        List<RunResult> results = new ArrayList<>(runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03));
        results.addAll(priorOnly("regnet", 0, 0, 0, 0, 0));
        List<ClaimVerdict> verdicts = Claims.evaluate(results);

        assertThat(Claims.perBackbone(verdicts)).extracting(OverallVerdict::scope, OverallVerdict::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("regnet, all six metrics", Verdict.UNINFORMATIVE),
                org.assertj.core.groups.Tuple.tuple("resnet152, all six metrics", Verdict.REPRODUCED));
        OverallVerdict paper = Claims.paperClaim(verdicts);
        assertThat(paper.verdict()).as("part of the claim was not tested").isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(paper.uninformative()).isEqualTo(6);
        assertThat(paper.reproduced()).isEqualTo(6);
        assertThat(paper.reason()).contains("6 of 12 claims reproduced, 0 not reproduced, 0 inconclusive, 6 uninformative",
                "uninformative where regnet: that part was not tested");

        List<RunResult> refuted = new ArrayList<>(runs("resnet152", -0.05, -0.04, -0.06, -0.055, -0.03));
        refuted.addAll(priorOnly("regnet", 0, 0, 0, 0, 0));
        assertThat(Claims.paperClaim(Claims.evaluate(refuted)).verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void enforceFailsOnNotReproducedAloneNeverOnUninformative() {
        assertThat(Claims.failsBuild(ClaimsMode.ENFORCE, Verdict.NOT_REPRODUCED)).isTrue();
        assertThat(Claims.failsBuild(ClaimsMode.REPORT, Verdict.NOT_REPRODUCED)).isFalse();
        for (Verdict v : List.of(Verdict.REPRODUCED, Verdict.INCONCLUSIVE, Verdict.UNINFORMATIVE)) {
            assertThat(Claims.failsBuild(ClaimsMode.ENFORCE, v)).as(v.name()).isFalse();
        }
        // The whole chain on prior-only runs: no claim, backbone or paper verdict fails the build; the same numbers
        // from runs that learned something do.
        List<ClaimVerdict> prior = Claims.evaluate(priorOnly("resnet152", 0, -0.01, 0, -0.02, 0));
        List<Verdict> all = new ArrayList<>(prior.stream().map(ClaimVerdict::verdict).toList());
        all.add(Claims.perBackbone(prior).get(0).verdict());
        all.add(Claims.paperClaim(prior).verdict());
        assertThat(all).hasSize(8).allSatisfy(v -> assertThat(Claims.failsBuild(ClaimsMode.ENFORCE, v)).isFalse());
        assertThat(Claims.evaluate(runs("resnet152", 0, -0.01, 0, -0.02, 0)))
                .anySatisfy(v -> assertThat(Claims.failsBuild(ClaimsMode.ENFORCE, v.verdict())).isTrue());
    }

    @Test
    void badInputIsNamedNotJudged() {
        List<RunResult> twice = new ArrayList<>(runs("resnet152", 0.05, 0.04, 0.06));
        twice.add(SampleRuns.run("resnet152", 2, 3, 8));
        assertThatThrownBy(() -> Claims.evaluate(twice)).hasMessageContaining("resnet152 has two results for split 2");

        List<RunResult> mixed = new ArrayList<>(runs("resnet152", 0.05, 0.04));
        RunResult p = SampleRuns.run("resnet152", 3, 3, 8);
        mixed.add(new RunResult(p.backbone(), p.backboneVariant(), p.split(), p.seed(), p.splitSeed(), p.config(),
                p.dataset(), p.versions(), p.machine(), p.weights(), p.history(), p.monitor(), p.bestEpoch(), p.lastEpoch(),
                p.stoppedEarly(), RunResult.INDEPENDENT,
                new RunResult.BaselineRun(1, 2, p.history(), p.bestEpoch(), p.lastEpoch(), p.stoppedEarly()),
                p.training(), p.variants(), p.createdAt()));
        assertThatThrownBy(() -> Claims.evaluate(mixed)).hasMessageContaining("mixes paired and independent");
    }

    @Test
    void theRuleIsStatedInFullAndNamesItsThresholds() {
        assertThat(Claims.RULE).contains("REPRODUCED", "NOT REPRODUCED", "INCONCLUSIVE", "Nadeau-Bengio",
                "one-sided", "at least 3", "p < 0.05", "mean d <= 0", "all six backbones");
        assertThat(Claims.RULE).contains("UNINFORMATIVE", "one class", "within 1.96 standard deviations of 0.5",
                "both uninformative is left out", "a mix of uninformative and other verdicts included",
                "never on UNINFORMATIVE", "was not tuned");
    }
}
