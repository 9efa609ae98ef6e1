package org.biradsrepro.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.biradsrepro.claims.ClaimedMetric;

/**
 * The paper's Table 2 ("The CNN models results before and after applying proposed approach"), as printed: the
 * mean over its five test sets of each {@link ClaimedMetric}, per backbone, without and with the lowest-loss weights.
 * Accuracy, precision and recall are printed as percentages, F1, AUC and PRC as fractions with two decimals; the
 * printed text is kept so the page quotes the paper exactly. Checked against {@code fixtures/paper/table2.tsv}.
 */
final class PaperTable2 {

    /**
     * @param paperName the backbone as the paper names it
     * @param baseline the printed values in {@link ClaimedMetric} order (Algorithm 1, last-epoch weights)
     * @param improved the same for "Improved ..." (Algorithm 2, lowest-loss weights)
     */
    record Row(String paperName, List<String> baseline, List<String> improved) {

        double baselineValue(ClaimedMetric m) {
            return fraction(baseline.get(m.ordinal()));
        }

        double improvedValue(ClaimedMetric m) {
            return fraction(improved.get(m.ordinal()));
        }
    }

    /** Keyed by registry id. */
    private static final Map<String, Row> ROWS = Map.of(
            "regnet", new Row("RegNet",
                    List.of("89%", "89.59%", "88.41%", "0.88", "0.95", "0.94"),
                    List.of("94.65%", "94.8%", "94.27%", "0.94", "0.97", "0.98")),
            "resnet152", new Row("ResNet152",
                    List.of("74.96%", "85.18%", "68.92%", "0.68", "0.88", "0.86"),
                    List.of("86.73%", "86.73%", "82.46%", "0.82", "0.94", "0.94")),
            "inceptionv3", new Row("InceptionV3",
                    List.of("79.12%", "83.76%", "73.72%", "0.73", "0.87", "0.82"),
                    List.of("94.41%", "94.49%", "94.27%", "0.93", "0.96", "0.97")),
            "nasnetlarge", new Row("NasNetLarge",
                    List.of("85.04%", "89.45%", "84.13%", "0.83", "0.92", "0.87"),
                    List.of("92.22%", "93.11%", "89.41%", "0.88", "0.95", "0.95")),
            "nasnetmobile", new Row("NasNetMobile224",
                    List.of("92.19%", "93.21%", "91.54%", "0.91", "0.96", "0.94"),
                    List.of("95.47%", "96.43%", "94.66%", "0.95", "0.98", "0.98")),
            "mobilenetv3", new Row("MobileNetV3",
                    List.of("80.61%", "83.48%", "78.44%", "0.79", "0.88", "0.83"),
                    List.of("89.85%", "94.04%", "85.57%", "0.87", "0.96", "0.95")));

    private PaperTable2() {}

    static Optional<Row> row(String backbone) {
        return Optional.ofNullable(ROWS.get(backbone.toLowerCase(Locale.ROOT)));
    }

    static Map<String, Row> rows() {
        return ROWS;
    }

    /** "94.8%" is 0.948, "0.94" is 0.94. */
    static double fraction(String printed) {
        return printed.endsWith("%") ? Double.parseDouble(printed.substring(0, printed.length() - 1)) / 100
                : Double.parseDouble(printed);
    }
}
