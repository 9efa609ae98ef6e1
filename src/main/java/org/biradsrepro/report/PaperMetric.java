package org.biradsrepro.report;

import java.util.function.Function;
import org.biradsrepro.results.RunResult;

/**
 * The six metrics of the paper's Table 2. The paper does not say how precision, recall and F1 were averaged over
 * the six classes; we report the macro average (the weighted one is in the results files).
 */
public enum PaperMetric {
    ACCURACY("accuracy", "Accuracy", RunResult.MetricValues::accuracy),
    PRECISION("precisionMacro", "Precision (macro)", RunResult.MetricValues::precisionMacro),
    RECALL("recallMacro", "Recall (macro)", RunResult.MetricValues::recallMacro),
    F1("f1Macro", "F1 (macro)", RunResult.MetricValues::f1Macro),
    ROC_AUC("rocAucMacro", "ROC AUC (OvR macro)", m -> m.rocAucMacro() == null ? Double.NaN : m.rocAucMacro()),
    PRC("averagePrecisionMacro", "PRC: average precision (OvR macro)", m -> m.averagePrecisionMacro() == null ? Double.NaN : m.averagePrecisionMacro());

    private final String key;
    private final String label;
    private final Function<RunResult.MetricValues, Double> value;

    PaperMetric(String key, String label, Function<RunResult.MetricValues, Double> value) {
        this.key = key;
        this.label = label;
        this.value = value;
    }

    /** The field name in the results JSON, as {@code ClaimVerdict.metric} names it. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public double of(RunResult.MetricValues m) {
        return value.apply(m);
    }
}
