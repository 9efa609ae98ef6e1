package org.biradsrepro.config;

import java.util.Locale;

/**
 * What a run does with an image file that cannot be decoded. Either way every bad file is named with its reason:
 * {@code fail} stops before training and lists them all; {@code skip} drops them from the dataset (before the
 * splits are drawn) and lists them as skipped in the results and the report.
 */
public enum BadImagePolicy {
    FAIL,
    SKIP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BadImagePolicy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (BadImagePolicy p : values()) {
            if (p.id().equals(t)) {
                return p;
            }
        }
        throw new InvalidSettingException("repro.onBadImage", text, "fail or skip");
    }
}
