package org.biradsrepro.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.biradsrepro.results.RunResult;

/** Judges every backbone x metric claim on a set of results. */
public final class Claims {

    /** The verdict rule, as shown on the report page. */
    public static final String RULE = "to be stated";

    private static final Map<String, ToDoubleFunction<RunResult.MetricValues>> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("accuracy", RunResult.MetricValues::accuracy);
        METRICS.put("precisionMacro", RunResult.MetricValues::precisionMacro);
        METRICS.put("recallMacro", RunResult.MetricValues::recallMacro);
        METRICS.put("f1Macro", RunResult.MetricValues::f1Macro);
        METRICS.put("rocAucMacro", m -> m.rocAucMacro() == null ? Double.NaN : m.rocAucMacro());
        METRICS.put("averagePrecisionMacro", m -> m.averagePrecisionMacro() == null ? Double.NaN : m.averagePrecisionMacro());
    }

    private Claims() {}

    /**
     * Placeholder until the statistics land (issue 5, claims branch): mean and sd of the paired differences, no
     * tests, every verdict inconclusive. Lets the report page render real results meanwhile.
     */
    public static List<ClaimVerdict> evaluate(List<RunResult> results) {
        Map<String, List<RunResult>> byBackbone = new LinkedHashMap<>();
        results.forEach(r -> byBackbone.computeIfAbsent(r.backbone(), k -> new ArrayList<>()).add(r));
        List<ClaimVerdict> verdicts = new ArrayList<>();
        byBackbone.forEach((backbone, runs) -> METRICS.forEach((metric, value) -> {
            List<Integer> splits = new ArrayList<>();
            List<Double> d = new ArrayList<>();
            for (RunResult r : runs) {
                double diff = value.applyAsDouble(r.variants().get(RunResult.IMPROVED).metrics())
                        - value.applyAsDouble(r.variants().get(RunResult.BASELINE).metrics());
                if (!Double.isNaN(diff)) {
                    splits.add(r.split());
                    d.add(diff);
                }
            }
            double mean = d.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double sd = d.size() < 2 ? Double.NaN
                    : Math.sqrt(d.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (d.size() - 1));
            ClaimVerdict.Interval none = new ClaimVerdict.Interval(Double.NaN, Double.NaN);
            verdicts.add(new ClaimVerdict(backbone, metric, splits, d.stream().mapToDouble(Double::doubleValue).toArray(),
                    runs.size() - d.size(), mean, sd, none, none, Double.NaN, Double.NaN, Double.NaN,
                    Math.pow(0.5, d.size()), Verdict.INCONCLUSIVE, "statistics not implemented yet"));
        }));
        return verdicts;
    }
}
