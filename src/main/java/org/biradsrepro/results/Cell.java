package org.biradsrepro.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One backbone x split of the matrix: the unit that shards divide and that one results file holds.
 *
 * @param backbone registry id
 * @param split 1-based split number
 */
public record Cell(String backbone, int split) {

    /** The results file this cell writes. */
    public String fileName() {
        return RunResult.fileName(backbone, split);
    }

    @Override
    public String toString() {
        return backbone + " split " + split;
    }

    /** The cell a results file holds. */
    public static Cell of(RunResult r) {
        return new Cell(r.backbone(), r.split());
    }

    /** Whether a configuration echo names the cells it asks for ({@link #expected} can read it). */
    public static boolean isKnown(Map<String, String> config) {
        return config.containsKey("repro.backbones") && config.containsKey("repro.splits");
    }

    /**
     * Every cell a configuration asks for, backbones in its order, then splits: read from the configuration echo
     * of a results file ({@code repro.backbones}, {@code repro.splits}, {@code repro.officialSplit}), so that a
     * folder of results says what a complete run of its configuration holds.
     */
    public static List<Cell> expected(Map<String, String> config) {
        String backbones = config.get("repro.backbones");
        String splits = config.get("repro.splits");
        if (backbones == null || splits == null) {
            throw new IllegalArgumentException("the results' configuration names no repro.backbones or repro.splits");
        }
        int count = Boolean.parseBoolean(config.get("repro.officialSplit")) ? 1 : Integer.parseInt(splits.trim());
        List<Cell> cells = new ArrayList<>();
        for (String b : Arrays.stream(backbones.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            for (int k = 1; k <= count; k++) {
                cells.add(new Cell(b, k));
            }
        }
        return cells;
    }
}
