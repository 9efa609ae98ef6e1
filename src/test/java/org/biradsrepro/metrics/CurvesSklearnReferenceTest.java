package org.biradsrepro.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link Curves} with the curves scikit-learn drew, read from {@code fixtures/metrics/curves_reference.json}
 * (written by {@code make_curves_reference.py} next to it).
 */
class CurvesSklearnReferenceTest {

    private static final double TOLERANCE = 1e-12;
    private static final Path FIXTURE = Path.of("fixtures", "metrics", "curves_reference.json");

    record ReferenceFile(String sklearnVersion, List<ReferenceCase> cases) {}

    record ReferenceCase(String name, boolean[] positive, double[] score, Roc roc, PrecisionRecall precisionRecall) {}

    record Roc(double[] fpr, double[] tpr, double[] thresholds) {}

    record PrecisionRecall(double[] precision, double[] recall, double[] thresholds) {}

    private static ReferenceFile reference() throws IOException {
        Path root = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")));
        try (Reader reader = Files.newBufferedReader(root.resolve(FIXTURE), StandardCharsets.UTF_8)) {
            return new Gson().fromJson(reader, ReferenceFile.class);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        return reference().cases().stream().map(c -> Arguments.of(c.name(), c));
    }

    @Test
    void fixtureComesFromThePinnedVersionAndHoldsEveryCase() throws IOException {
        ReferenceFile reference = reference();

        assertThat(reference.sklearnVersion()).isEqualTo("1.2.1");
        assertThat(reference.cases()).extracting(ReferenceCase::name).containsExactlyInAnyOrder(
                "random", "ties", "perfect", "inverted", "constant", "single_positive");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rocCurveMatchesScikitLearn(String name, ReferenceCase c) {
        Curves.Roc roc = Curves.roc(c.positive(), c.score());

        assertThat(roc.falsePositiveRate()).containsExactly(c.roc().fpr(), within(TOLERANCE));
        assertThat(roc.truePositiveRate()).containsExactly(c.roc().tpr(), within(TOLERANCE));
        // scikit-learn 1.2.1 writes max + 1 as the first threshold, we write +Infinity; the rest are scores.
        assertThat(roc.thresholds()[0]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Arrays.copyOfRange(roc.thresholds(), 1, roc.thresholds().length))
                .containsExactly(Arrays.copyOfRange(c.roc().thresholds(), 1, c.roc().thresholds().length), within(0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void precisionRecallCurveMatchesScikitLearn(String name, ReferenceCase c) {
        Curves.PrecisionRecall pr = Curves.precisionRecall(c.positive(), c.score());

        assertThat(pr.precision()).containsExactly(c.precisionRecall().precision(), within(TOLERANCE));
        assertThat(pr.recall()).containsExactly(c.precisionRecall().recall(), within(TOLERANCE));
        assertThat(pr.thresholds()).containsExactly(c.precisionRecall().thresholds(), within(0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rocCurveEnclosesTheAreaMetricsReports(String name, ReferenceCase c) {
        Curves.Roc roc = Curves.roc(c.positive(), c.score());
        double trapezoids = 0;
        for (int i = 1; i < roc.falsePositiveRate().length; i++) {
            trapezoids += (roc.falsePositiveRate()[i] - roc.falsePositiveRate()[i - 1])
                    * (roc.truePositiveRate()[i] + roc.truePositiveRate()[i - 1]) / 2;
        }

        assertThat(trapezoids).isCloseTo(Metrics.rocAuc(c.positive(), c.score()), within(1e-12));
    }

    @Test
    void undefinedCurvesFailNamingWhatIsMissing() {
        assertThatThrownBy(() -> Curves.roc(new boolean[] {true, true}, new double[] {0.2, 0.4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 positives and 0 negatives");
        assertThatThrownBy(() -> Curves.precisionRecall(new boolean[] {false, false}, new double[] {0.2, 0.4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one positive");
        assertThatThrownBy(() -> Curves.roc(new boolean[] {true, false}, new double[] {0.2, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score[1]");
    }
}
