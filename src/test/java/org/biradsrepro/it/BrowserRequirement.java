package org.biradsrepro.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.biradsrepro.config.Settings;

/**
 * What the browser test does without Chromium: skip, with a message saying how to install it, on a developer's
 * machine; fail in CI (the {@code CI} environment variable set, as GitHub Actions and most CI systems do) or when
 * {@code repro.requireBrowser=true}, so that CI can never pass with the browser test skipped.
 */
final class BrowserRequirement {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private BrowserRequirement() {}

    /**
     * @param ciVariable the value of the {@code CI} environment variable, null when unset
     * @param requireBrowser the value of {@code repro.requireBrowser}, null when unset
     * @return empty when the browser and its driver are there; otherwise why the test is skipped
     * @throws AssertionError when they are missing and a browser is required
     */
    static Optional<String> check(Path chromium, Path chromedriver, String ciVariable, String requireBrowser) {
        if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
            return Optional.empty();
        }
        String missing = "The report's browser test needs " + chromium + " and " + chromedriver
                + " (Debian: sudo apt-get install chromium chromium-driver).";
        boolean inCi = ciVariable != null && !ciVariable.isBlank() && !ciVariable.equalsIgnoreCase("false");
        if (inCi) {
            throw new AssertionError(missing + " Required here because the CI environment variable is set.");
        }
        if (Boolean.parseBoolean(requireBrowser)) {
            throw new AssertionError(missing + " Required here because " + Settings.REQUIRE_BROWSER + "=true.");
        }
        return Optional.of(missing + " Skipped: neither CI nor -D" + Settings.REQUIRE_BROWSER + "=true is set.");
    }
}
