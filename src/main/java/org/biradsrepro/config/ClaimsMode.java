package org.biradsrepro.config;

import java.util.Locale;

/**
 * What the claims test does with a verdict. {@code report}: records it and passes, since a reproduction must be
 * able to come out negative without breaking the build. {@code enforce}: a claim judged not reproduced fails.
 */
public enum ClaimsMode {
    REPORT,
    ENFORCE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClaimsMode parse(String text) {
        return Choices.parse("repro.claims", text, values(), ClaimsMode::id);
    }
}
