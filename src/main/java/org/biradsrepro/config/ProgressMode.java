package org.biradsrepro.config;

import java.util.Locale;

/**
 * How a run shows its progress on standard error (standard output stays for results). {@code auto}: bars on a
 * terminal, lines otherwise (a pipe, a file, CI); {@code bar}; {@code lines}: a line per stage and one every 30 s;
 * {@code off}. Changes no result.
 */
public enum ProgressMode {
    AUTO,
    BAR,
    LINES,
    OFF;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProgressMode parse(String text) {
        return Choices.parse("repro.progress", text, values(), ProgressMode::id);
    }
}
