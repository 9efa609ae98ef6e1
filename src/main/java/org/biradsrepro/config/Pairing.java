package org.biradsrepro.config;

import java.util.Locale;

/**
 * Where the baseline's weights come from. {@code paired}: the last epoch of the same training run whose
 * lowest-loss weights give the improved variant, so the difference is the weights' effect alone.
 * {@code independent}: the last epoch of a second, separate run with its own head initialisation and shuffling
 * seeds, as in the paper, so the difference also carries run-to-run variance.
 */
public enum Pairing {
    PAIRED,
    INDEPENDENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Pairing parse(String text) {
        return Choices.parse("repro.pairing", text, values(), Pairing::id);
    }
}
