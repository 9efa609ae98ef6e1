package org.biradsrepro.progress;

import java.io.PrintStream;

/**
 * The one way code below the command line tells a person something beside the progress display: a finished run
 * reused or deleted, a damaged cache entry, how the engine could run faster. The command line decides where it
 * goes ({@code cli}: standard error); tests hand in one that records. Nothing outside {@code cli} writes to
 * {@code System.out} or {@code System.err} ({@code ArchitectureTest}), so output can never bypass it.
 */
@FunctionalInterface
public interface Console {

    /** One message, a sentence or two without the program's prefix. */
    void note(String message);

    /** Drops every message: for callers that report nothing. */
    Console NONE = message -> {};

    /** Prints each message on its own line of {@code stream}, after the program's prefix. */
    static Console printingTo(PrintStream stream) {
        return message -> stream.println("birads-repro: " + message);
    }
}
