package org.biradsrepro.stats;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the stats package with values scipy and numpy computed, read from {@code
 * fixtures/stats/scipy_reference.json} (written by {@code make_scipy_reference.py} next to it).
 */
class StatsScipyReferenceTest {

    private static final double TOLERANCE = 1e-9;
    private static final Path FIXTURE = Path.of("fixtures", "stats", "scipy_reference.json");

    record ReferenceFile(String scipy, List<Case> cases, List<Quantile> tQuantiles) {}

    record Case(String name, double[] differences, double mean, double sd, double[] tInterval95,
                double oneSampleTGreaterP, double testToTrain, double nadeauBengioT, double nadeauBengioGreaterP,
                double[] nadeauBengioInterval95) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Quantile(double p, double df, double quantile) {
        @Override
        public String toString() {
            return "t.ppf(" + p + ", " + df + ")";
        }
    }

    static ReferenceFile reference() throws IOException {
        Path root = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")));
        try (Reader r = Files.newBufferedReader(root.resolve(FIXTURE), StandardCharsets.UTF_8)) {
            return new Gson().fromJson(r, ReferenceFile.class);
        }
    }

    static Stream<Case> cases() throws IOException {
        return reference().cases().stream();
    }


    static Stream<Quantile> quantiles() throws IOException {
        return reference().tQuantiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantiles")
    void tQuantileMatchesScipy(Quantile q) {
        // Commons Statistics inverts the CDF numerically: agreement to about 1e-8 relative.
        assertThat(StudentT.quantile(q.p(), q.df())).isCloseTo(q.quantile(), within(1e-8 * Math.abs(q.quantile())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plainTIntervalAndTestMatchScipy(Case c) {
        Interval plain = StudentT.meanInterval(c.differences(), 0.95);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(plain.low()).isCloseTo(c.tInterval95()[0], within(TOLERANCE));
        soft.assertThat(plain.high()).isCloseTo(c.tInterval95()[1], within(TOLERANCE));
        // With n_test/n_train = 0 the correction vanishes: the one-sample t-test of scipy.
        soft.assertThat(NadeauBengio.test(c.differences(), 0).pGreater())
                .isCloseTo(c.oneSampleTGreaterP(), within(TOLERANCE));
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nadeauBengioMatchesScipy(Case c) {
        NadeauBengio.Result nb = NadeauBengio.test(c.differences(), c.testToTrain());
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(nb.df()).isEqualTo(c.differences().length - 1);
        soft.assertThat(nb.t()).isCloseTo(c.nadeauBengioT(), within(TOLERANCE));
        soft.assertThat(nb.pGreater()).isCloseTo(c.nadeauBengioGreaterP(), within(TOLERANCE));
        soft.assertThat(nb.interval95().low()).isCloseTo(c.nadeauBengioInterval95()[0], within(TOLERANCE));
        soft.assertThat(nb.interval95().high()).isCloseTo(c.nadeauBengioInterval95()[1], within(TOLERANCE));
        soft.assertAll();
    }
}
