package org.biradsrepro.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;
import org.biradsrepro.config.ClaimsMode;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.Test;

/**
 * The rule on hand-made runs. SampleRuns' runs have 12 test images (classes 0 and 3, six each) and n_test/n_train
 * = 5/15, so accuracy moves in steps of 1/12 and macro ROC AUC in steps of 1/(2 x 36) = 1/72.
 */
class ClaimsTest {

    static final double RATIO = 1.0 / 3;
    static final double IMAGE = 1.0 / 12;

    /** One run per split whose six metrics all move by {@code d[k]} from a fixed baseline; kept epoch 3, last 8. */
    static List<RunResult> runs(String backbone, double... d) {
        return runs(backbone, 3, d);
    }

    static List<RunResult> runs(String backbone, int bestEpoch, double... d) {
        return runs(backbone, bestEpoch, false, d);
    }

    static List<RunResult> runs(String backbone, int bestEpoch, boolean independent, double... d) {
        List<RunResult> runs = new ArrayList<>();
        for (int k = 0; k < d.length; k++) {
            SampleRuns.Builder b = SampleRuns.builder(backbone, k + 1);
            if (independent) {
                b.independent();
            }
            runs.add(b.epochs(bestEpoch, 8)
                    .baseline(SampleRuns.metrics(0.5, 0.4, 0.35, 0.37, 0.71, 0.33))
                    .improved(SampleRuns.metrics(0.5 + d[k], 0.4 + d[k], 0.35 + d[k], 0.37 + d[k], 0.71 + d[k], 0.33 + d[k]))
                    .build());
        }
        return runs;
    }

    static ClaimVerdict of(List<ClaimVerdict> verdicts, String backbone, ClaimedMetric metric) {
        return verdicts.stream().filter(v -> v.backbone().equals(backbone) && v.metric().equals(metric.key()))
                .findFirst().orElseThrow();
    }

    static ClaimVerdict accuracy(List<ClaimVerdict> verdicts, String backbone) {
        return of(verdicts, backbone, ClaimedMetric.ACCURACY);
    }

    /** The corrected t-test written out from its definition, for comparison with the rule's. */
    static double correctedP(double[] d, double sdFloor) {
        double mean = Arrays.stream(d).average().orElseThrow();
        double ss = Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum();
        double sd = Math.max(Math.sqrt(ss / (d.length - 1)), sdFloor);
        double t = mean / (sd * Math.sqrt(1.0 / d.length + RATIO));
        return TDistribution.of(d.length - 1).survivalProbability(t);
    }

    @Test
    void oneVerdictPerBackboneAndPaperMetricInTableTwoOrder() {
        List<RunResult> results = new ArrayList<>(runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03));
        results.addAll(runs("regnet", 0.05, 0.04, 0.06, 0.055, 0.03));

        assertThat(Claims.evaluate(results)).extracting(v -> v.backbone() + "/" + v.metric()).containsExactly(
                "regnet/accuracy", "regnet/precisionMacro", "regnet/recallMacro", "regnet/f1Macro",
                "regnet/rocAucMacro", "regnet/averagePrecisionMacro",
                "resnet152/accuracy", "resnet152/precisionMacro", "resnet152/recallMacro", "resnet152/f1Macro",
                "resnet152/rocAucMacro", "resnet152/averagePrecisionMacro");
    }

    @Test
    void aConsistentSizeableImprovementIsReproducedByBothTests() {
        double[] d = {0.15, 0.12, 0.18, 0.16, 0.13};
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", d)), "resnet152");

        assertThat(v.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.splits()).containsExactly(1, 2, 3, 4, 5);
        assertThat(v.differences()).containsExactly(d, within(1e-12));
        assertThat(v.estimate().mean()).isCloseTo(0.148, within(1e-12));
        assertThat(v.tests().nadeauBengioP()).isCloseTo(correctedP(d, IMAGE), within(1e-12)).isLessThan(0.05);
        assertThat(v.tests().signFlipP()).as("all five better: the exact floor").isEqualTo(1.0 / 32);
        assertThat(v.tests().reproducedP()).isEqualTo(Math.max(v.tests().nadeauBengioP(), 1.0 / 32));
        assertThat(v.estimate().lower95()).isPositive();
        assertThat(v.paperGain()).isCloseTo(0.8673 - 0.7496, within(1e-12));
        assertThat(v.reason()).contains("+0.1480", "5 better", "both < 0.05", "does not exclude the paper's gain +0.1177");
    }

    @Test
    void fiveEqualOneImageGainsAreNotCertain() {
        // The old rule: sd 0, t = +infinity, p = 0, "reproduced". The exact sign-flip p is 1/32 and the sd floor is
        // one image, so the corrected t is finite and far from significant.
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", IMAGE, IMAGE, IMAGE, IMAGE, IMAGE)), "resnet152");

        assertThat(v.estimate().noVariation()).isTrue();
        assertThat(v.estimate().sd()).isZero();
        assertThat(v.estimate().sdUsed()).isCloseTo(IMAGE, within(1e-15));
        assertThat(v.tests().nadeauBengioP()).isCloseTo(correctedP(v.differences(), IMAGE), within(1e-12)).isGreaterThan(0.1);
        assertThat(v.tests().signFlipP()).isEqualTo(1.0 / 32);
        assertThat(v.estimate().upper95()).isGreaterThan(v.estimate().lower95());
        assertThat(v.verdict()).isEqualTo(Verdict.UNDETECTABLE);
        assertThat(v.reason()).contains("no variation", "1/12");
    }

    @Test
    void fourOneImageGainsAndATieAreNotReproducedTheExactTestCannotReachFivePercent() {
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", IMAGE, IMAGE, IMAGE, IMAGE, 0)), "resnet152");

        assertThat(v.tests().signFlipP()).isEqualTo(2.0 / 32);
        assertThat(v.tests().signFlipFloor()).isEqualTo(1.0 / 16);
        assertThat(v.verdict()).isNotEqualTo(Verdict.REPRODUCED);
    }

    @Test
    void identicalWeightsOnEverySplitAreNotExercisedWhateverTheMetricsSay() {
        List<ClaimVerdict> verdicts = Claims.evaluate(runs("nasnetlarge", 8, 0, 0, 0, 0, 0));

        assertThat(verdicts).hasSize(6).allSatisfy(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.NOT_EXERCISED);
            assertThat(v.exercise().identicalWeights()).isEqualTo(5);
            assertThat(v.reason()).contains("kept epoch was the last epoch on all 5 split(s)", "never applied");
            assertThat(Claims.failsBuild(ClaimsMode.ENFORCE, v)).isFalse();
        });
        OverallVerdict backbone = Claims.perBackbone(verdicts).get(0);
        assertThat(backbone.verdict()).isEqualTo(CombinedVerdict.NOT_EXERCISED);
        assertThat(backbone.notExercised()).isEqualTo(6);
    }

    @Test
    void someIdenticalSplitsStillCountAsTheZerosTheyAre() {
        List<RunResult> results = new ArrayList<>(runs("regnet", 8, 0, 0, 0));
        results.addAll(runs("regnet", 3, 0.2, 0.2).stream().map(r -> SampleRuns.builder("regnet", r.split() + 3)
                .baseline(r.variants().get(RunResult.BASELINE).metrics())
                .improved(r.variants().get(RunResult.IMPROVED).metrics()).build()).toList());

        ClaimVerdict v = accuracy(Claims.evaluate(results), "regnet");

        assertThat(v.exercise().identicalWeights()).isEqualTo(3);
        assertThat(v.splits()).containsExactly(1, 2, 3, 4, 5);
        assertThat(v.verdict()).isNotEqualTo(Verdict.NOT_EXERCISED);
        assertThat(v.reason()).contains("identical weights (kept epoch = last) on 3 of 5 splits");
    }

    @Test
    void weightsThatDifferedWithoutMovingAnyPredictionRuleOutALargeGainAndSaySo() {
        // Kept epoch 3, last 8: the weights differ, but no test image changes class and no metric moves.
        List<ClaimVerdict> verdicts = Claims.evaluate(runs("inceptionv3", 0, 0, 0, 0, 0));

        ClaimVerdict auc = of(verdicts, "inceptionv3", ClaimedMetric.ROC_AUC);
        assertThat(auc.estimate().resolution()).isCloseTo(1.0 / 72, within(1e-15));
        assertThat(auc.estimate().upper95()).isPositive().isLessThan(auc.paperGain());
        assertThat(auc.verdict()).isEqualTo(Verdict.GAIN_RULED_OUT);
        assertThat(auc.reason()).contains("< the paper's gain +0.0900", "the metric did not move on any split (its step 1/72");
        ClaimVerdict accuracy = accuracy(verdicts, "inceptionv3");
        assertThat(accuracy.exercise().predictionsChanged()).isZero();
        assertThat(accuracy.reason()).contains("no test prediction changed class on any split (its step 1/12 = 0.0833)");
        // With 12 test images one image is 0.083: the paper's +0.153 accuracy gain is within reach of the bound.
        assertThat(accuracy.verdict()).isIn(Verdict.GAIN_RULED_OUT, Verdict.UNDETECTABLE);
    }

    @Test
    void aSignificantlyNegativeEffectRulesTheGainOutAndSaysWorse() {
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", -0.15, -0.12, -0.18, -0.16, -0.13)), "resnet152");

        assertThat(v.verdict()).isEqualTo(Verdict.GAIN_RULED_OUT);
        assertThat(v.significantlyWorse()).isTrue();
        assertThat(v.tests().signFlipPLess()).isEqualTo(1.0 / 32);
        assertThat(v.reason()).contains("significantly worse");
    }

    @Test
    void aNoisyPositiveMeanIsUndetectableWithWhatCouldHaveBeenDetected() {
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", 0.30, -0.25, 0.15, -0.12, 0.06)), "resnet152");

        assertThat(v.estimate().mean()).isPositive();
        assertThat(v.verdict()).isEqualTo(Verdict.UNDETECTABLE);
        ClaimVerdict.Detectability d = v.detectability();
        assertThat(d.mde80()).isCloseTo(DetectableEffect.standardizedMde(5, RATIO) * v.estimate().sd(), within(1e-12))
                .isGreaterThan(v.paperGain());
        assertThat(d.powerAtPaperGain()).isBetween(0.0, 0.8);
        assertThat(d.note()).contains("smallest effect detectable with 80% power at 5 splits", "power at the paper's gain");
        assertThat(v.reason()).contains(d.note());
    }

    @Test
    void aBackboneThePaperDidNotRunCanBeReproducedButItsGainNeverRuledOut() {
        ClaimVerdict v = accuracy(Claims.evaluate(runs("vgg16", 0, 0, 0, 0, 0)), "vgg16");

        assertThat(v.paperGain()).isNaN();
        assertThat(v.tests().ruledOutP()).isNaN();
        assertThat(v.verdict()).isEqualTo(Verdict.UNDETECTABLE);
    }

    @Test
    void tooFewDefinedSplitsAreUninformative() {
        ClaimVerdict v = accuracy(Claims.evaluate(runs("resnet152", 0.2, 0.3)), "resnet152");
        assertThat(v.verdict()).isEqualTo(Verdict.UNINFORMATIVE);
        assertThat(v.reason()).contains("2 split(s)", "fewer than the 3");
    }

    @Test
    void undefinedRankingMetricsAreLeftOutAndCounted() {
        List<RunResult> results = new ArrayList<>(runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03));
        for (int k : new int[] {2, 4}) {
            results.set(k - 1, SampleRuns.builder("resnet152", k)
                    .baseline(SampleRuns.metrics(0.5, 0.4, 0.35, 0.37, null, null))
                    .improved(SampleRuns.metrics(0.55, 0.45, 0.4, 0.42, null, null)).build());
        }

        ClaimVerdict auc = of(Claims.evaluate(results), "resnet152", ClaimedMetric.ROC_AUC);

        assertThat(auc.splits()).containsExactly(1, 3, 5);
        assertThat(auc.undefinedPairs()).isEqualTo(2);
        assertThat(auc.differences()).hasSize(3);
    }

    @Test
    void independentRunsAreNeverNotExercised() {
        List<RunResult> independent = runs("resnet152", 8, true, 0, 0, 0, 0, 0);

        List<ClaimVerdict> verdicts = Claims.evaluate(independent);

        assertThat(verdicts).allSatisfy(v -> {
            assertThat(v.paired()).isFalse();
            assertThat(v.exercise().identicalWeights()).isZero();
            assertThat(v.verdict()).isNotEqualTo(Verdict.NOT_EXERCISED);
        });
    }

    @Test
    void aBackboneHoldsWhenAllSixDoAndThePaperClaimNeedsAllSixBackbones() {
        List<RunResult> results = new ArrayList<>(runs("resnet152", 0.15, 0.12, 0.18, 0.16, 0.13));
        results.addAll(runs("regnet", 0.02, -0.05, 0.01, -0.03, -0.01));
        List<ClaimVerdict> verdicts = Claims.evaluate(results);

        List<OverallVerdict> perBackbone = Claims.perBackbone(verdicts);
        assertThat(perBackbone).extracting(OverallVerdict::scope).containsExactly("regnet, all six metrics",
                "resnet152, all six metrics");
        assertThat(perBackbone.get(1).verdict()).isEqualTo(CombinedVerdict.REPRODUCED);
        assertThat(perBackbone.get(1).reproduced()).isEqualTo(6);
        assertThat(perBackbone.get(0).verdict()).isNotEqualTo(CombinedVerdict.REPRODUCED);

        OverallVerdict paper = Claims.paperClaim(verdicts);
        assertThat(paper.verdict()).isNotEqualTo(CombinedVerdict.REPRODUCED);
        assertThat(paper.claims()).isEqualTo(12);
        assertThat(paper.reason()).contains("only 2 of the paper's six backbones");

        OverallVerdict onlyOne = Claims.paperClaim(Claims.evaluate(runs("resnet152", 0.15, 0.12, 0.18, 0.16, 0.13)));
        assertThat(onlyOne.verdict()).as("one backbone reproduced is not the paper's claim").isEqualTo(CombinedVerdict.INCONCLUSIVE);
        assertThat(onlyOne.reason()).contains("every part reproduced, but only 1 of the paper's six backbones",
                "missing: regnet, mobilenetv3");
    }

    @Test
    void thePaperGainIsRuledOutOnlyAtHolmAdjustedLevels() {
        // A claim ruled out at its own 5% but not after Holm over the six: the combined claim stays inconclusive.
        List<ClaimVerdict> verdicts = Claims.evaluate(runs("nasnetmobile", 0.02, -0.02, 0.04, -0.01, 0.0));
        List<ClaimVerdict> ownLevel = verdicts.stream().filter(v -> v.verdict() == Verdict.GAIN_RULED_OUT).toList();
        OverallVerdict combined = Claims.perBackbone(verdicts).get(0);

        assertThat(combined.gainRuledOut()).isEqualTo(ownLevel.size());
        assertThat(combined.verdict() == CombinedVerdict.GAIN_RULED_OUT).isEqualTo(combined.ruledOutAfterHolm() > 0);
        verdicts.forEach(v -> assertThat(Claims.failsBuild(ClaimsMode.ENFORCE, v))
                .isEqualTo(v.verdict() == Verdict.GAIN_RULED_OUT && v.tests().holmRuledOutP() < 0.05));
        verdicts.forEach(v -> assertThat(v.tests().holmRuledOutP()).isGreaterThanOrEqualTo(v.tests().ruledOutP()));

        // Far below every gain on every metric: ruled out after Holm too, and enforce fails.
        List<ClaimVerdict> refuted = Claims.evaluate(runs("resnet152", -0.15, -0.12, -0.18, -0.16, -0.13));
        assertThat(Claims.paperClaim(refuted).verdict()).isEqualTo(CombinedVerdict.GAIN_RULED_OUT);
        assertThat(Claims.failsBuild(ClaimsMode.ENFORCE, Claims.paperClaim(refuted).verdict())).isTrue();
        assertThat(Claims.failsBuild(ClaimsMode.REPORT, Claims.paperClaim(refuted).verdict())).isFalse();
        assertThat(refuted).anySatisfy(v -> assertThat(Claims.failsBuild(ClaimsMode.ENFORCE, v)).isTrue());
    }

    @Test
    void enforceNeverFailsOnClaimsThatCouldNotRefuteThePaper() {
        for (CombinedVerdict v : List.of(CombinedVerdict.REPRODUCED, CombinedVerdict.INCONCLUSIVE, CombinedVerdict.NOT_EXERCISED)) {
            assertThat(Claims.failsBuild(ClaimsMode.ENFORCE, v)).as(v.name()).isFalse();
        }
        List<ClaimVerdict> noisy = Claims.evaluate(runs("resnet152", 0.30, -0.25, 0.15, -0.12, 0.06));
        assertThat(noisy).allSatisfy(v -> assertThat(Claims.failsBuild(ClaimsMode.ENFORCE, v)).isFalse());
    }

    @Test
    void thePooledClaimAveragesTheBackbonesWithinEachSplit() {
        List<RunResult> results = new ArrayList<>(runs("resnet152", 0.10, 0.20, 0.30, 0.20, 0.10));
        results.addAll(runs("regnet", 0.30, 0.20, 0.10, 0.00, 0.10));

        ClaimVerdict pooled = Claims.pooled(results).stream().filter(v -> v.metric().equals("accuracy")).findFirst().orElseThrow();

        assertThat(pooled.backbone()).isEqualTo(Claims.POOLED);
        assertThat(pooled.differences()).containsExactly(new double[] {0.2, 0.2, 0.2, 0.1, 0.1}, within(1e-12));
        assertThat(pooled.paperGain()).isCloseTo(((0.9465 - 0.89) + (0.8673 - 0.7496)) / 2, within(1e-12));
        assertThat(Claims.pooledPrimary(results).metric()).isEqualTo(Claims.PRIMARY.key());
        assertThat(Claims.pooled(results)).hasSize(6);
    }

    @Test
    void badInputIsNamedNotJudged() {
        List<RunResult> twice = new ArrayList<>(runs("resnet152", 0.05, 0.04, 0.06));
        twice.add(SampleRuns.run("resnet152", 2, 3, 8));
        assertThatThrownBy(() -> Claims.evaluate(twice)).hasMessageContaining("resnet152 has two results for split 2");

        List<RunResult> mixed = new ArrayList<>(runs("resnet152", 0.05, 0.04));
        mixed.add(SampleRuns.builder("resnet152", 3).independent().build());
        assertThatThrownBy(() -> Claims.evaluate(mixed)).hasMessageContaining("mixes paired and independent");
    }

    @Test
    void theRuleIsStatedInFullAndNamesItsThresholds() {
        assertThat(Claims.RULE).contains("NOT EXERCISED", "UNINFORMATIVE", "REPRODUCED", "PAPER'S GAIN RULED OUT",
                "UNDETECTABLE", "Nadeau-Bengio", "exact sign-flip", "p < 0.05", "never less than the metric's step",
                "80% power", "Holm-adjusted", "intersection-union", "Primary metric", "ROC AUC",
                "only on a gain ruled out after Holm's adjustment");
    }
}
