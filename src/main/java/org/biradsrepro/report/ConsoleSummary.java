package org.biradsrepro.report;

import java.util.Locale;
import org.biradsrepro.results.RunResult;

/** One line per run for logs (CI output, the command line): enough to see at a glance what a run did. */
public final class ConsoleSummary {

    private ConsoleSummary() {}

    public static String line(RunResult r) {
        RunResult.MetricValues b = r.variants().get(RunResult.BASELINE).metrics();
        RunResult.MetricValues i = r.variants().get(RunResult.IMPROVED).metrics();
        return String.format(Locale.ROOT,
                "%s split %d: %d epochs%s, kept epoch %d | accuracy %.4f -> %.4f | F1 macro %.4f -> %.4f | %.1f s, %.0f images/s",
                r.backbone(), r.split(), r.lastEpoch(), r.stoppedEarly() ? " (stopped early)" : "", r.bestEpoch(),
                b.accuracy(), i.accuracy(), b.f1Macro(), i.f1Macro(), r.training().seconds(), r.training().imagesPerSecond());
    }
}
