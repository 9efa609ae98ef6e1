package org.biradsrepro.config;

import java.util.Locale;

/**
 * What the claims test does with a verdict. {@code report}: records it and passes, since a reproduction must be
 * able to come out negative without breaking the build. {@code enforce}: a claim judged not reproduced fails.
 */
public enum ClaimsMode {
    REPORT("report"),
    ENFORCE("enforce");

    private final String id;

    ClaimsMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ClaimsMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ClaimsMode m : values()) {
            if (m.id.equals(t)) {
                return m;
            }
        }
        throw new InvalidSettingException("repro.claims", text, "report or enforce");
    }
}
