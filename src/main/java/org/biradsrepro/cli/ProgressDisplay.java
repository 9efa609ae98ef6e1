package org.biradsrepro.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.biradsrepro.config.ProgressMode;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.progress.ProgressBars;
import org.biradsrepro.progress.ProgressLines;

/** {@code repro.progress} made into a display on standard error. */
final class ProgressDisplay {

    /** How often a log gets a line while a stage runs. */
    static final Duration LINE_INTERVAL = Duration.ofSeconds(30);

    private ProgressDisplay() {}

    static Progress of(ProgressMode mode, PrintStream err) {
        return switch (mode) {
            case OFF -> Progress.NONE;
            case BAR -> new ProgressBars(err);
            case LINES -> new ProgressLines(err, LINE_INTERVAL);
            case AUTO -> onTerminal() ? new ProgressBars(err) : new ProgressLines(err, LINE_INTERVAL);
        };
    }

    /**
     * A person is watching: a console is attached and the terminal can redraw a line. CI sets {@code CI} and often
     * a terminal type as well, so it counts as a log whatever else it says.
     */
    static boolean onTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && System.getenv("CI") == null && term != null && !term.equals("dumb");
    }
}
