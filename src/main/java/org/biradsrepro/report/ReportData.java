package org.biradsrepro.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.ClaimVerdict;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.results.Timings;

/**
 * What the page shows, read from the report folder: the runs (sorted by backbone then split), the verdicts drawn
 * from them, JMH figures when there are any, and the timings of the run that wrote the folder when it left them.
 */
record ReportData(List<RunResult> runs, ClaimsFile.Contents claims, List<JmhResults.Benchmark> benchmarks,
                  Optional<Timings> timings) {

    /** The page's data with the verdicts drawn from {@code runs} alone (no controls, no timings). */
    ReportData(List<RunResult> runs, List<JmhResults.Benchmark> benchmarks) {
        this(runs, ClaimsFile.of(requireRuns(runs)), benchmarks, Optional.empty());
    }

    ReportData {
        runs = List.copyOf(requireRuns(runs));
        benchmarks = List.copyOf(benchmarks);
    }

    private static List<RunResult> requireRuns(List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("A report needs at least one run");
        }
        return runs;
    }

    /** One verdict per backbone x metric. */
    List<ClaimVerdict> verdicts() {
        return claims.claims();
    }

    /** Runs grouped by backbone, in the order of {@link #runs}. */
    Map<String, List<RunResult>> byBackbone() {
        Map<String, List<RunResult>> byBackbone = new LinkedHashMap<>();
        runs.forEach(r -> byBackbone.computeIfAbsent(r.backbone(), k -> new ArrayList<>()).add(r));
        return Collections.unmodifiableMap(byBackbone);
    }

    /** One metric of one variant over runs, in run order; NaN where undefined. */
    static double[] values(List<RunResult> runs, String variant, ClaimedMetric metric) {
        return runs.stream().mapToDouble(r -> metric.orNaN(r.variants().get(variant).metrics())).toArray();
    }

    static String variantLabel(String variant) {
        return variant.equals(RunResult.BASELINE) ? "baseline (last epoch)" : "improved (lowest loss)";
    }
}
