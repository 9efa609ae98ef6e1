package org.biradsrepro.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link Metrics#evaluate} with values that scikit-learn computed, read from {@code
 * fixtures/metrics/sklearn_reference.json} (written by {@code make_sklearn_reference.py} next to
 * it). The expected numbers never come from the Java code.
 */
class MetricsSklearnReferenceTest {

    private static final double TOLERANCE = 1e-9;
    private static final Path FIXTURE = Path.of("fixtures", "metrics", "sklearn_reference.json");

    record ReferenceFile(String sklearnVersion, String numpyVersion, List<ReferenceCase> cases) {}

    record ReferenceCase(
            String name, int numClasses, int[] labels, double[][] probabilities, Expected expected) {}

    /** A null ranking value is a class where scikit-learn leaves the metric undefined. */
    record Expected(
            double accuracy,
            double precisionMacro,
            double recallMacro,
            double f1Macro,
            double precisionWeighted,
            double recallWeighted,
            double f1Weighted,
            Double rocAucMacro,
            Double averagePrecisionMacro,
            List<Integer> rankingUndefinedClasses,
            PerClass perClass,
            int[][] confusionMatrix) {}

    record PerClass(
            int[] support,
            double[] precision,
            double[] recall,
            double[] f1,
            Double[] rocAuc,
            Double[] averagePrecision) {}

    private static ReferenceFile reference() throws IOException {
        Path root = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")));
        Path file = root.resolve(FIXTURE);
        assertThat(file).as("scikit-learn reference fixture").isRegularFile();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Gson().fromJson(reader, ReferenceFile.class);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        return reference().cases().stream().map(c -> Arguments.of(c.name(), c));
    }

    @Test
    void fixtureComesFromThePinnedVersionsAndHoldsEveryCase() throws IOException {
        ReferenceFile reference = reference();

        assertThat(reference.sklearnVersion()).isEqualTo("1.2.1");
        assertThat(reference.numpyVersion()).isEqualTo("1.24.2");
        assertThat(reference.cases()).extracting(ReferenceCase::name).containsExactlyInAnyOrder(
                "random", "ties", "absent_class", "never_predicted", "absent_from_both", "perfect",
                "constant_scores", "small", "single_class");
    }

    @ParameterizedTest(name = "sklearn case: {0}")
    @MethodSource("cases")
    void agreesWithScikitLearn(String name, ReferenceCase reference) {
        Expected expected = reference.expected();

        ClassificationMetrics actual =
                Metrics.evaluate(reference.labels(), reference.probabilities(), reference.numClasses());

        // The surefire report names a parameterized run by index only, so each message names the case.
        String at = "sklearn case " + name + ": ";
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(actual.numClasses()).as(at + "numClasses").isEqualTo(reference.numClasses());
        softly.assertThat(actual.n()).as(at + "n").isEqualTo(reference.labels().length);
        assertClose(softly, at + "accuracy", actual.accuracy(), expected.accuracy());
        assertClose(softly, at + "precisionMacro", actual.precisionMacro(), expected.precisionMacro());
        assertClose(softly, at + "recallMacro", actual.recallMacro(), expected.recallMacro());
        assertClose(softly, at + "f1Macro", actual.f1Macro(), expected.f1Macro());
        assertClose(softly, at + "precisionWeighted", actual.precisionWeighted(), expected.precisionWeighted());
        assertClose(softly, at + "recallWeighted", actual.recallWeighted(), expected.recallWeighted());
        assertClose(softly, at + "f1Weighted", actual.f1Weighted(), expected.f1Weighted());
        assertClose(softly, at + "rocAucMacro", actual.rocAucMacro(), expected.rocAucMacro());
        assertClose(softly, at + "averagePrecisionMacro",
                actual.averagePrecisionMacro(), expected.averagePrecisionMacro());
        softly.assertThat(actual.rankingUndefinedClasses()).as(at + "rankingUndefinedClasses")
                .isEqualTo(expected.rankingUndefinedClasses());
        softly.assertThat(actual.confusionMatrix()).as(at + "confusionMatrix")
                .isDeepEqualTo(expected.confusionMatrix());

        PerClass perClass = expected.perClass();
        softly.assertThat(actual.perClass()).as(at + "perClass").hasSize(reference.numClasses());
        for (int c = 0; c < Math.min(actual.perClass().size(), reference.numClasses()); c++) {
            ClassMetrics metrics = actual.perClass().get(c);
            String ofClass = at + "class " + c + " ";
            softly.assertThat(metrics.label()).as(ofClass + "label").isEqualTo(c);
            softly.assertThat(metrics.support()).as(ofClass + "support").isEqualTo(perClass.support()[c]);
            assertClose(softly, ofClass + "precision", metrics.precision(), perClass.precision()[c]);
            assertClose(softly, ofClass + "recall", metrics.recall(), perClass.recall()[c]);
            assertClose(softly, ofClass + "f1", metrics.f1(), perClass.f1()[c]);
            assertClose(softly, ofClass + "rocAuc", metrics.rocAuc(), perClass.rocAuc()[c]);
            assertClose(softly, ofClass + "averagePrecision",
                    metrics.averagePrecision(), perClass.averagePrecision()[c]);
        }
        softly.assertAll();
    }

    /** A null expectation is a value scikit-learn leaves undefined, which the Java side reports as NaN. */
    private static void assertClose(SoftAssertions softly, String description, double actual, Double expected) {
        if (expected == null) {
            softly.assertThat(actual).as(description + " (undefined in the reference)").isNaN();
        } else {
            softly.assertThat(actual).as(description).isCloseTo(expected, within(TOLERANCE));
        }
    }
}
