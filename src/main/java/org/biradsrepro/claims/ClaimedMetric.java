package org.biradsrepro.claims;

import java.util.function.Function;
import org.biradsrepro.results.RunResult;

/**
 * The six metrics the paper's claim covers (Table 2), keyed as in the results JSON. The paper does not say how
 * precision, recall and F1 were averaged over the six classes; the claims use the macro average.
 */
public enum ClaimedMetric {
    ACCURACY("accuracy", "Accuracy", RunResult.MetricValues::accuracy),
    PRECISION("precisionMacro", "Precision (macro)", RunResult.MetricValues::precisionMacro),
    RECALL("recallMacro", "Recall (macro)", RunResult.MetricValues::recallMacro),
    F1("f1Macro", "F1 (macro)", RunResult.MetricValues::f1Macro),
    ROC_AUC("rocAucMacro", "ROC AUC (OvR macro)", RunResult.MetricValues::rocAucMacro),
    PRC("averagePrecisionMacro", "PRC: average precision (OvR macro)", RunResult.MetricValues::averagePrecisionMacro);

    private final String key;
    private final String label;
    private final Function<RunResult.MetricValues, Double> value;

    ClaimedMetric(String key, String label, Function<RunResult.MetricValues, Double> value) {
        this.key = key;
        this.label = label;
        this.value = value;
    }

    /** The field name in the results JSON, as in {@link ClaimVerdict#metric()}. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /**
     * Whether the metric reads only the predicted classes (argmax), so that it can move only when some test
     * prediction changes class; ROC AUC and average precision read the whole ranking.
     */
    public boolean thresholded() {
        return this != ROC_AUC && this != PRC;
    }

    /** The value, or null where it is undefined (ROC AUC and PRC with a class absent from the test side). */
    public Double of(RunResult.MetricValues m) {
        return value.apply(m);
    }

    /** The value, NaN where it is undefined: for summaries and charts, which skip NaN. */
    public double orNaN(RunResult.MetricValues m) {
        Double v = value.apply(m);
        return v == null ? Double.NaN : v;
    }

    public static ClaimedMetric byKey(String key) {
        for (ClaimedMetric m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric key '" + key + "'");
    }
}
