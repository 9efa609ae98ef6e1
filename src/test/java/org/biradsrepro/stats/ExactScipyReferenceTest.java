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
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the exact tests, the noncentral t and the Holm adjustment with values scipy and statsmodels computed,
 * read from {@code fixtures/stats/exact_reference.json} (written by {@code make_exact_reference.py} next to it).
 */
class ExactScipyReferenceTest {

    /** The exact p-values are ratios of integers over 2^k: only the division rounds. */
    private static final double EXACT = 1e-12;
    private static final double NONCENTRAL_T = 1e-7;
    private static final Path FIXTURE = Path.of("fixtures", "stats", "exact_reference.json");

    record ReferenceFile(String scipy, String statsmodels, List<Case> cases, List<Survival> noncentralT,
                         List<Power> powerNoncentrality, List<HolmCase> holm) {}

    record Case(String name, double[] differences, double signFlipGreaterP, double signFlipLessP, int nonzero,
                double wPlus, double signedRankGreaterP, boolean ties, Double wilcoxonExactGreaterP) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Survival(double t, double df, double noncentrality, double survival) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "nct.sf(%s, %s, %s)", t, df, noncentrality);
        }
    }

    record Power(double power, double df, double alpha, double noncentrality) {}

    record HolmCase(String name, double[] p, double[] adjusted) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static ReferenceFile cached;

    static synchronized ReferenceFile reference() throws IOException {
        if (cached == null) {
            Path root = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")));
            try (Reader r = Files.newBufferedReader(root.resolve(FIXTURE), StandardCharsets.UTF_8)) {
                cached = new Gson().fromJson(r, ReferenceFile.class);
            }
        }
        return cached;
    }

    static Stream<Case> cases() throws IOException {
        return reference().cases().stream();
    }

    /** The cases without zeros or ties, where scipy.stats.wilcoxon's exact distribution also applies. */
    static Stream<Case> wilcoxonCases() throws IOException {
        return cases().filter(c -> c.wilcoxonExactGreaterP() != null);
    }

    static Stream<HolmCase> holmCases() throws IOException {
        return reference().holm().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signFlipMatchesScipysPermutationTest(Case c) {
        SignFlip.Result r = SignFlip.test(c.differences());
        assertThat(r.pGreater()).as("pGreater").isCloseTo(c.signFlipGreaterP(), within(EXACT));
        assertThat(r.pLess()).as("pLess").isCloseTo(c.signFlipLessP(), within(EXACT));
        assertThat(r.nonzero()).as("nonzero").isEqualTo(c.nonzero());
        assertThat(r.exact()).as("exact").isTrue();
        assertThat(r.smallestP()).as("smallestP").isEqualTo(Math.scalb(1.0, -c.nonzero()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signedRankMatchesScipysPermutationTestOfWPlus(Case c) {
        SignedRank.Result r = SignedRank.greater(c.differences());
        assertThat(r.wPlus()).as("wPlus").isEqualTo(c.wPlus());
        assertThat(r.pGreater()).as("pGreater").isCloseTo(c.signedRankGreaterP(), within(EXACT));
        assertThat(r.nonzero()).as("nonzero").isEqualTo(c.nonzero());
        assertThat(r.ties()).as("ties").isEqualTo(c.ties());
        assertThat(r.smallestP()).as("smallestP").isEqualTo(Math.scalb(1.0, -c.nonzero()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wilcoxonCases")
    void signedRankMatchesScipysExactWilcoxonWithoutZerosOrTies(Case c) {
        assertThat(SignedRank.greater(c.differences()).pGreater()).isCloseTo(c.wilcoxonExactGreaterP(), within(EXACT));
    }

    @Test
    void theFixtureHasTheAuditCasesAndAWilcoxonCrossCheck() throws IOException {
        // So that a regenerated fixture cannot silently drop what the tests above are meant to check.
        assertThat(cases().map(Case::name)).contains("audit (1,1,1,1,1)/74", "audit (1,1,1,1,2)/74", "all zero");
        assertThat(wilcoxonCases().count()).isGreaterThanOrEqualTo(2);
        assertThat(reference().noncentralT()).hasSizeGreaterThan(500);
    }

    @Test
    void noncentralTSurvivalMatchesScipysNct() throws IOException {
        // One test over the whole grid (636 points), reporting the worst point: a parameterized test per point
        // would flood the report.
        double worst = 0;
        Survival worstAt = null;
        for (Survival s : reference().noncentralT()) {
            double error = Math.abs(NoncentralT.survival(s.t(), s.df(), s.noncentrality()) - s.survival());
            if (!(error <= worst)) {
                worst = error;
                worstAt = s;
            }
        }
        assertThat(worst).as("largest error, at %s", worstAt).isLessThan(NONCENTRAL_T);
    }

    @Test
    void noncentralityForPowerMatchesBrentqOnScipysNct() throws IOException {
        double worst = 0;
        Power worstAt = null;
        for (Power p : reference().powerNoncentrality()) {
            double lambda = NoncentralT.noncentralityForPower(p.power(), p.df(), p.alpha());
            double error = Math.abs(lambda - p.noncentrality());
            if (!(error <= worst)) {
                worst = error;
                worstAt = p;
            }
        }
        assertThat(worst).as("largest error, at %s", worstAt).isLessThan(NONCENTRAL_T);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("holmCases")
    void holmMatchesStatsmodelsMultipletests(HolmCase h) {
        double[] adjusted = Holm.adjust(h.p());
        assertThat(adjusted).hasSameSizeAs(h.adjusted());
        for (int i = 0; i < adjusted.length; i++) {
            assertThat(adjusted[i]).as("adjusted[%d]", i).isCloseTo(h.adjusted()[i], within(EXACT));
        }
    }
}
