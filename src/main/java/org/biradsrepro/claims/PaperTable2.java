package org.biradsrepro.claims;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.biradsrepro.claims.ClaimedMetric;

/**
 * The paper's Table 2 ("The CNN models results before and after applying proposed approach"), as printed: the
 * mean over its five test sets of each {@link ClaimedMetric}, per backbone, without and with the lowest-loss weights.
 * Accuracy, precision and recall are printed as percentages, F1, AUC and PRC as fractions with two decimals; the
 * printed text is kept so the page quotes the paper exactly.
 *
 * <p>One source: the numbers are read from {@code fixtures/paper/table2.tsv}, the table copied verbatim, which the
 * build copies onto the classpath beside this class ({@value #RESOURCE}); nothing here types them out again. Only
 * the registry id of each backbone the paper names is kept here, since the paper does not print our ids.
 */
public final class PaperTable2 {

    /** The classpath resource, relative to this class: {@code fixtures/paper/table2.tsv} as the build copies it. */
    public static final String RESOURCE = "table2.tsv";

    /** Registry id to the paper's name for that backbone (the first cell of its baseline row). */
    private static final Map<String, String> PAPER_NAMES = Map.of(
            "regnet", "RegNet",
            "resnet152", "ResNet152",
            "inceptionv3", "InceptionV3",
            "nasnetlarge", "NasNetLarge",
            "nasnetmobile", "NasNetMobile224",
            "mobilenetv3", "MobileNetV3");

    private static final String IMPROVED = "Improved ";

    /**
     * @param paperName the backbone as the paper names it
     * @param baseline the printed values in {@link ClaimedMetric} order (Algorithm 1, last-epoch weights)
     * @param improved the same for "Improved ..." (Algorithm 2, lowest-loss weights)
     */
    public record Row(String paperName, List<String> baseline, List<String> improved) {

        public double baselineValue(ClaimedMetric m) {
            return fraction(baseline.get(m.ordinal()));
        }

        public double improvedValue(ClaimedMetric m) {
            return fraction(improved.get(m.ordinal()));
        }

        /**
         * The gain the paper reports, improved minus baseline as printed: the effect a reproduction must be able to
         * detect, and the one a "gain ruled out" verdict is measured against. Printed values are rounded (F1, AUC
         * and PRC to two decimals), so the gain is known to about 0.01 for those.
         */
        public double gain(ClaimedMetric m) {
            return improvedValue(m) - baselineValue(m);
        }
    }

    /** Keyed by registry id, in the paper's order. */
    private static final Map<String, Row> ROWS = load();

    private PaperTable2() {}

    public static Optional<Row> row(String backbone) {
        return Optional.ofNullable(ROWS.get(backbone.toLowerCase(Locale.ROOT)));
    }

    public static Map<String, Row> rows() {
        return ROWS;
    }

    /** "94.8%" is 0.948, "0.94" is 0.94. */
    public static double fraction(String printed) {
        return printed.endsWith("%") ? Double.parseDouble(printed.substring(0, printed.length() - 1)) / 100
                : Double.parseDouble(printed);
    }

    private static Map<String, Row> load() {
        try (InputStream in = PaperTable2.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The paper's Table 2 (" + RESOURCE + ", from fixtures/paper/table2.tsv)"
                        + " is not on the classpath beside " + PaperTable2.class.getName() + ": rebuild with Maven");
            }
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            }
            return parse(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the paper's Table 2 (" + RESOURCE + ")", e);
        }
    }

    /**
     * The table's lines: {@code #} comments, one header row starting {@code CNN model}, then per backbone a row
     * named as the paper names it and one named {@code Improved <name>}, each with one printed value per
     * {@link ClaimedMetric}, tab-separated. Every backbone of {@link #PAPER_NAMES} must have both rows.
     */
    static Map<String, Row> parse(List<String> lines) {
        int metrics = ClaimedMetric.values().length;
        Map<String, List<String>> printed = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#") || line.startsWith("CNN model")) {
                continue;
            }
            List<String> cells = Arrays.asList(line.split("\t", -1));
            if (cells.size() != 1 + metrics) {
                throw new IllegalStateException("Table 2, line " + (i + 1) + ": " + cells.size() + " cells, expected "
                        + (1 + metrics) + " (the model and one value per metric): " + line);
            }
            printed.put(cells.get(0), List.copyOf(cells.subList(1, cells.size())));
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        printed.keySet().stream().filter(name -> !name.startsWith(IMPROVED)).forEach(name -> {
            String id = PAPER_NAMES.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new IllegalStateException("Table 2 names a model with no registry id: " + name));
            List<String> improved = printed.get(IMPROVED + name);
            if (improved == null) {
                throw new IllegalStateException("Table 2 has no row '" + IMPROVED + name + "'");
            }
            rows.put(id, new Row(name, printed.get(name), improved));
        });
        if (!rows.keySet().containsAll(PAPER_NAMES.keySet())) {
            throw new IllegalStateException("Table 2 lacks rows for " + PAPER_NAMES.keySet().stream()
                    .filter(id -> !rows.containsKey(id)).sorted().toList());
        }
        return Collections.unmodifiableMap(rows);
    }
}
