package org.biradsrepro.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserRequirementTest {

    @Test
    void withoutChromiumLocallyTheTestIsSkippedSayingHowToInstallIt(@TempDir Path dir) {
        assertThat(BrowserRequirement.check(dir.resolve("chromium"), dir.resolve("chromedriver"), null, "false"))
                .hasValueSatisfying(m -> assertThat(m).contains(dir.resolve("chromium").toString())
                        .contains("apt-get install chromium chromium-driver").contains("Skipped"));
        assertThat(BrowserRequirement.check(dir.resolve("chromium"), dir.resolve("chromedriver"), "false", null)).isPresent();
    }

    @Test
    void withoutChromiumInCiTheTestFails(@TempDir Path dir) {
        assertThatThrownBy(() -> BrowserRequirement.check(dir.resolve("chromium"), dir.resolve("chromedriver"), "true", null))
                .isInstanceOf(AssertionError.class).hasMessageContaining("CI environment variable");
        assertThatThrownBy(() -> BrowserRequirement.check(dir.resolve("chromium"), dir.resolve("chromedriver"), null, "true"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("repro.requireBrowser=true");
    }

    @Test
    void withBothExecutablesThereIsNothingToSay(@TempDir Path dir) throws IOException {
        Path chromium = Files.createFile(dir.resolve("chromium"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path driver = Files.createFile(dir.resolve("chromedriver"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path notExecutable = Files.createFile(dir.resolve("driver.txt"));

        assertThat(BrowserRequirement.check(chromium, driver, "true", "true")).isEmpty();
        assertThat(BrowserRequirement.check(chromium, notExecutable, null, null)).isPresent();
    }
}
