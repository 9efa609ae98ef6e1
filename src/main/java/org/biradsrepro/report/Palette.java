package org.biradsrepro.report;

import org.biradsrepro.results.RunResult;

/** The page's colours: the two variants, and one colour per BI-RADS class (Okabe-Ito, readable by most colour-blind readers). */
final class Palette {

    static final String BASELINE = "#b5534a";
    static final String IMPROVED = "#2f6f9f";
    static final String NEUTRAL = "#333333";
    static final String VALIDATION = "#8a6d00";
    static final String CHANCE = "#999999";
    private static final String[] CLASSES = {"#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#0072b2", "#d55e00"};

    private Palette() {}

    static String variant(String variant) {
        return variant.equals(RunResult.BASELINE) ? BASELINE : IMPROVED;
    }

    static String forClass(int label) {
        return CLASSES[label % CLASSES.length];
    }
}
