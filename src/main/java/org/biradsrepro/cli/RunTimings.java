package org.biradsrepro.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Settings;
import org.biradsrepro.context.Cpu;
import org.biradsrepro.experiment.Experiment;
import org.biradsrepro.progress.Resources;
import org.biradsrepro.progress.StageClock;
import org.biradsrepro.results.Timings;

/** A run's {@code timings.json} from its stage clock, and the summary printed at the end of {@code run}. */
final class RunTimings {

    private RunTimings() {}

    static Timings of(StageClock clock, double wallSeconds, ReproConfig config, Experiment experiment) {
        List<Timings.Stage> stages = clock.rows().stream().map(r -> new Timings.Stage(r.kind().id(), r.subject(),
                r.seconds(), r.images(), r.times(), r.seconds() > 0 ? r.images() / r.seconds() : 0)).toList();
        Map<String, String> run = new LinkedHashMap<>(Settings.recorded(config));
        run.put("images", Integer.toString(experiment.dataset().size()));
        Map<String, String> machine = new LinkedHashMap<>(experiment.machine());
        Cpu.ofThisMachine().familyModel().ifPresent(v -> machine.put("cpuFamilyModel", v));
        OptionalLong memory = Resources.totalMemoryBytes();
        machine.put("memory", memory.isPresent() ? gib(memory.getAsLong()) : "unknown");
        OptionalLong peak = Resources.peakResidentBytes();
        return new Timings(Timings.SCHEMA, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), wallSeconds,
                peak.isPresent() ? peak.getAsLong() : null, stages, run, machine, experiment.versions());
    }

    /** The table printed at the end of a run: one line per stage, then the whole run and the peak memory. */
    static List<String> summary(Timings t) {
        List<String> lines = new ArrayList<>();
        lines.add("Where the time went (" + Timings.FILE_NAME + "):");
        lines.add(String.format(Locale.ROOT, "  %-28s %10s %9s %10s", "stage", "seconds", "images", "images/s"));
        for (Timings.Stage s : t.stages()) {
            String name = s.subject().isEmpty() ? s.stage() : s.stage() + " " + s.subject();
            if (s.times() > 1) {
                name += " (x" + s.times() + ")";
            }
            lines.add(String.format(Locale.ROOT, "  %-28s %10.1f %9d %10.1f", name, s.seconds(), s.images(),
                    s.imagesPerSecond()));
        }
        lines.add(String.format(Locale.ROOT, "  %-28s %10.1f", "whole run", t.wallSeconds()));
        lines.add("  peak resident memory: " + (t.peakResidentBytes() == null ? "unknown" : gib(t.peakResidentBytes()))
                + "; CPU: " + t.machine().getOrDefault("cpu", "unknown") + ", "
                + t.machine().getOrDefault("availableProcessors", "?") + " cores, " + t.machine().getOrDefault("memory", "?"));
        return lines;
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
