package org.biradsrepro.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table is derived from {@link Settings}' table: its rows (key, default, meaning) must be the
 * code's, in the code's order. When this fails, paste the output of
 * {@code ./mvnw -q compile exec:java -Dexec.args="settings --markdown"} over the README's table.
 */
class ReadmeSettingsTableTest {

    private static final Path README = Path.of("README.md");

    /** A row of the table: the three cells, as written. */
    record Row(String key, String defaultValue, String meaning) {
        static Row of(String line) {
            String inner = line.strip();
            List<String> cells = Arrays.stream(inner.substring(1, inner.length() - 1).split("\\|", -1))
                    .map(String::strip).toList();
            assertThat(cells).as("cells of %s", line).hasSize(3);
            return new Row(cells.get(0), cells.get(1), cells.get(2));
        }
    }

    /** The rows of the table under "## Settings", header and separator left out. */
    static List<Row> readmeRows(String readme) {
        String section = readme.substring(readme.indexOf("\n## Settings\n"));
        int next = section.indexOf("\n## ", 1);
        return section.substring(0, next < 0 ? section.length() : next).lines()
                .filter(l -> l.startsWith("| `"))
                .map(Row::of)
                .toList();
    }

    static List<Row> codeRows() {
        return Settings.markdownTable().lines().filter(l -> l.startsWith("| `")).map(Row::of).toList();
    }

    @Test
    void theReadmeTableListsEverySettingWithTheCodesDefaultAndDescription() throws IOException {
        List<Row> readme = readmeRows(Files.readString(README));

        assertThat(readme)
                .as("README.md's settings table differs from config.Settings; regenerate it with "
                        + "exec:java -Dexec.args=\"settings --markdown\"")
                .containsExactlyElementsOf(codeRows());
    }

    @Test
    void everyKeyOfTheCodeIsARowAndDescriptionsCannotBreakTheTable() {
        assertThat(codeRows()).extracting(Row::key)
                .containsExactlyElementsOf(Settings.ALL.stream().map(s -> "`" + s.key() + "`").toList());
        assertThat(Settings.ALL).allSatisfy(s -> assertThat(s.description()).doesNotContain("|").doesNotContain("\n"));
    }

    @Test
    void aChangedDefaultOrMeaningIsNoticed() {
        String table = "\n## Settings\n\n" + Settings.markdownTable().replace("| `5` |", "| `6` |")
                .replace("base seed for splits", "seed for splits");

        assertThat(readmeRows(table)).isNotEqualTo(codeRows()).hasSameSizeAs(codeRows());
    }
}
