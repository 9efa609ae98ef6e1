package org.biradsrepro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README restates no figure that can silently go stale: how many tests a gate ran and how long each step took
 * come from a dated measurement under {@code docs/measurements/} that it cites, written by the gate itself
 * ({@code .ci/record}), never copied by hand into prose. This test holds the README to citing files that exist and
 * that say when, on which commit and on which CPU they were measured.
 */
class ReadmeMeasurementsTest {

    private static final Path PROJECT = Path.of(System.getProperty("repro.projectDir", ".")).toAbsolutePath().normalize();
    private static final Pattern CITED = Pattern.compile("docs/measurements/[A-Za-z0-9._-]+\\.md");
    /** A count of tests stated in prose: "994 unit tests", "127 integration tests". */
    private static final Pattern TEST_COUNT = Pattern.compile("\\b\\d[\\d,]* (unit|integration) tests\\b");

    private static String readme() throws IOException {
        return Files.readString(PROJECT.resolve("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void everyCitedMeasurementExistsAndSaysWhenWhereAndOnWhichCommit() throws IOException {
        List<String> cited = CITED.matcher(readme()).results().map(MatchResult::group).distinct().toList();
        assertThat(cited).as("the README cites the gate's own measurements").isNotEmpty();
        for (String path : cited) {
            Path file = PROJECT.resolve(path);
            assertThat(file).as(path).isRegularFile();
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(path)
                    .containsPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")
                    .containsPattern("commit:? [0-9a-f]{40}")
                    .containsPattern("AMD|Intel|CPU").containsPattern("family \\d+,? model \\d+");
        }
    }

    @Test
    void noTestCountIsCopiedIntoTheReadme() throws IOException {
        List<String> found = TEST_COUNT.matcher(readme()).results().map(MatchResult::group).toList();
        assertThat(found).as("test counts belong in docs/measurements/, which the gate writes").isEmpty();
    }
}
