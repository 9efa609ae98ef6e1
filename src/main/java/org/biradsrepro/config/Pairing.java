package org.biradsrepro.config;

import java.util.Locale;

/**
 * Where the baseline's weights come from. {@code paired}: the last epoch of the same training run whose
 * lowest-loss weights give the improved variant, so the difference is the weights' effect alone.
 * {@code independent}: the last epoch of a second, separate run with its own head initialisation and shuffling
 * seeds, as in the paper, so the difference also carries run-to-run variance.
 */
public enum Pairing {
    PAIRED("paired"),
    INDEPENDENT("independent");

    private final String id;

    Pairing(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Pairing parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Pairing p : values()) {
            if (p.id.equals(t)) {
                return p;
            }
        }
        throw new InvalidSettingException("repro.pairing", text, "paired or independent");
    }
}
