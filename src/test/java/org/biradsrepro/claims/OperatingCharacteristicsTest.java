package org.biradsrepro.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The rule's error rates, measured by driving {@link ClaimRule} with simulated per-split differences of known truth,
 * so that its words can be trusted: REPRODUCED at most 5% of the time when there is no effect, PAPER'S GAIN RULED
 * OUT at most 5% of the time when the true effect is the paper's gain, and REPRODUCED 80% of the time at the
 * minimum detectable effect it states. Each rate is allowed three Monte Carlo standard errors (and the power five
 * points, as the rule promises it) above its bound; the test fails if any is off. Two data models: the normal one
 * with the correlation overlapping training sets give (the corrected t-test's own model), and step-valued,
 * zero-inflated differences like the fixture's (paired runs whose kept epoch is the last on some splits, so those
 * differences are exactly 0, and metrics that move in whole test images). The table it prints is the README's.
 */
class OperatingCharacteristicsTest {

    static final int REPS = 4_000;
    static final double FIXTURE_RATIO = 74.0 / 286;
    static final double STEP = 1.0 / 74;
    static final double PAPER_GAIN = 0.0565; // RegNet accuracy in Table 2, 94.65% - 89%
    private static final List<String> TABLE = new ArrayList<>();

    /** A simulated claim: one draw of per-split evidence. */
    interface Model extends Function<Random, Evidence> {}

    /** Normal differences, sd 1 within splits, with the shared component the Nadeau-Bengio model implies. */
    static Model normal(int k, double effect, double paperGain) {
        return random -> {
            double shared = Math.sqrt(FIXTURE_RATIO) * random.nextGaussian();
            double[] d = new double[k];
            for (int j = 0; j < k; j++) {
                d[j] = effect + shared + random.nextGaussian();
            }
            return Evidence.of(ClaimedMetric.ROC_AUC, d, FIXTURE_RATIO, 1e-6, paperGain);
        };
    }

    /**
     * Accuracy-like differences: on each split the kept epoch differs from the last with probability {@code fires}
     * (otherwise the two weight sets are identical and d is exactly 0); where it differs, d is a whole number of
     * test images, rounded from a normal with mean {@code effect / fires} (so that the mean over splits is
     * {@code effect}) and sd {@code images} images.
     */
    static Model zeroInflated(int k, double fires, double effect, double images) {
        return random -> {
            double[] d = new double[k];
            int identical = 0;
            for (int j = 0; j < k; j++) {
                if (random.nextDouble() < fires) {
                    d[j] = Math.rint((effect / fires) / STEP + images * random.nextGaussian()) * STEP;
                } else {
                    identical++;
                }
            }
            Evidence e = Evidence.of(ClaimedMetric.ACCURACY, d, FIXTURE_RATIO, STEP, PAPER_GAIN);
            return new Evidence(e.backbone(), e.metric(), true, e.splits(), d, 0, k, identical, k - identical,
                    FIXTURE_RATIO, STEP, "1/74", PAPER_GAIN);
        };
    }

    static double rate(Model model, Verdict verdict, long seed) {
        Random random = new Random(seed);
        int hits = 0;
        for (int i = 0; i < REPS; i++) {
            hits += ClaimRule.judge(model.apply(random)).verdict() == verdict ? 1 : 0;
        }
        return (double) hits / REPS;
    }

    static double mcError(double p) {
        return 3 * Math.sqrt(p * (1 - p) / REPS);
    }

    static void row(String model, String truth, String verdict, double bound, double measured, String demand) {
        TABLE.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.3f |", model, truth, verdict, demand, measured));
    }

    @Test
    void noEffectIsRarelyReproduced() {
        for (int k : new int[] {5, 10}) {
            double r = rate(normal(k, 0, 3), Verdict.REPRODUCED, 11 + k);
            row("normal, k = " + k, "no effect", "reproduced", 0.05, r, "<= 0.05");
            assertThat(r).as("false REPRODUCED at k = %d", k).isLessThanOrEqualTo(0.05 + mcError(0.05));
        }
        for (double fires : new double[] {0.4, 1.0}) {
            double r = rate(zeroInflated(5, fires, 0, 1.5), Verdict.REPRODUCED, 23);
            row("step-valued, fires " + fires, "no effect", "reproduced", 0.05, r, "<= 0.05");
            assertThat(r).as("false REPRODUCED, zero-inflated, fires %s", fires).isLessThanOrEqualTo(0.05 + mcError(0.05));
        }
    }

    @Test
    void thePapersGainIsRarelyRuledOutWhenItIsTrue() {
        for (int k : new int[] {5, 10}) {
            double r = rate(normal(k, 2, 2), Verdict.GAIN_RULED_OUT, 31 + k);
            row("normal, k = " + k, "the paper's gain (2 sd)", "gain ruled out", 0.05, r, "<= 0.05");
            assertThat(r).as("false RULED OUT at k = %d", k).isLessThanOrEqualTo(0.05 + mcError(0.05));
        }
        for (double fires : new double[] {0.4, 1.0}) {
            double r = rate(zeroInflated(5, fires, PAPER_GAIN, 1.5), Verdict.GAIN_RULED_OUT, 37);
            row("step-valued, fires " + fires, "the paper's gain (+0.0565)", "gain ruled out", 0.05, r, "<= 0.05");
            assertThat(r).as("false RULED OUT, zero-inflated, fires %s", fires).isLessThanOrEqualTo(0.05 + mcError(0.05));
        }
    }

    @Test
    void theStatedMinimumDetectableEffectIsDetectedEightyPercentOfTheTime() {
        for (int k : new int[] {5, 8, 10}) {
            double mde = DetectableEffect.standardizedMde(k, FIXTURE_RATIO);
            double r = rate(normal(k, mde, Double.NaN), Verdict.REPRODUCED, 41 + k);
            row("normal, k = " + k, String.format(Locale.ROOT, "the stated MDE (%.2f sd)", mde), "reproduced", 0.8, r,
                    "0.80 +- 0.05");
            assertThat(r).as("power at the MDE, k = %d", k).isBetween(0.75, 0.85);
        }
    }

    @AfterAll
    static void writeTable() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "| data model | truth | verdict counted | must be | measured rate (" + REPS + " simulated claims) |",
                "|---|---|---|---|---|"));
        lines.addAll(TABLE);
        Path out = Path.of("target", "operating-characteristics.md");
        Files.createDirectories(out.getParent());
        Files.write(out, lines, StandardCharsets.UTF_8);
        lines.forEach(System.out::println);
    }
}
