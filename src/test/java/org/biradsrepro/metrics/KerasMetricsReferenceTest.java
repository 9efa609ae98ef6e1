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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link KerasMetrics} with {@code fixtures/metrics/keras_reference.json}, written by {@code
 * make_keras_reference.py} next to it: a second, vectorised numpy statement of the same Keras source, on 6-class
 * cases larger than a hand can work through. TensorFlow itself is not available to write it; the hand-worked {@link
 * KerasMetricsTest} stays the primary check.
 */
class KerasMetricsReferenceTest {

    private static final double TOLERANCE = 1e-12;
    private static final Path FIXTURE = Path.of("fixtures", "metrics", "keras_reference.json");

    record ReferenceFile(String kerasSource, List<ReferenceCase> cases) {}

    record ReferenceCase(String name, int numClasses, int[] labels, double[][] probabilities, Expected expected,
                         int generalPathDisagreements) {}

    record Expected(double accuracy, double precision, double recall, double f1, double rocAuc, double prAuc) {}

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
    void fixtureStatesTheSourceItWasReadFromAndHoldsEveryCase() throws IOException {
        ReferenceFile reference = reference();

        assertThat(reference.kerasSource()).isEqualTo("keras-team/keras v2.11.0");
        assertThat(reference.cases()).extracting(ReferenceCase::name)
                .containsExactly("random", "confident", "imbalanced", "threshold_grid", "uniform");
        // Outputs placed on the thresholds are where Keras' bucket count and y_pred > t part; the case must hold
        // some, or it would not test which of the two the Java code follows.
        assertThat(reference.cases()).filteredOn(c -> c.name().equals("threshold_grid"))
                .singleElement().extracting(ReferenceCase::generalPathDisagreements).isNotEqualTo(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheNumpyStatementOfKerasSource(String name, ReferenceCase c) {
        KerasMetrics k = KerasMetrics.of(c.labels(), c.probabilities(), c.numClasses());
        Expected e = c.expected();

        assertThat(k.accuracy()).as("accuracy").isCloseTo(e.accuracy(), within(TOLERANCE));
        assertThat(k.precision()).as("precision").isCloseTo(e.precision(), within(TOLERANCE));
        assertThat(k.recall()).as("recall").isCloseTo(e.recall(), within(TOLERANCE));
        assertThat(k.f1()).as("f1").isCloseTo(e.f1(), within(TOLERANCE));
        assertThat(k.rocAuc()).as("rocAuc").isCloseTo(e.rocAuc(), within(TOLERANCE));
        assertThat(k.prAuc()).as("prAuc").isCloseTo(e.prAuc(), within(TOLERANCE));
    }
}
