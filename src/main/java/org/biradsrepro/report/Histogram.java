package org.biradsrepro.report;

import java.util.Arrays;
import java.util.Locale;

/**
 * A small inline SVG histogram of differences, with a reference value and its negative marked: where the paper's
 * gain lies against what two runs of one algorithm give, at a glance.
 */
final class Histogram {

    private static final int W = 340;
    private static final int H = 170;
    private static final int PAD = 30;
    private static final int BINS = 12;

    private Histogram() {}

    static String svg(String title, double[] values, double reference, String referenceLabel) {
        double low = Arrays.stream(values).min().orElse(0);
        double high = Arrays.stream(values).max().orElse(0);
        if (Double.isFinite(reference)) {
            low = Math.min(low, -Math.abs(reference));
            high = Math.max(high, Math.abs(reference));
        }
        double span = high - low > 0 ? high - low : 1e-9;
        int[] counts = new int[BINS];
        for (double v : values) {
            counts[Math.min(BINS - 1, (int) ((v - low) / span * BINS))]++;
        }
        int most = Math.max(1, Arrays.stream(counts).max().orElse(1));
        double binWidth = (W - 2.0 * PAD) / BINS;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>"
                + "<rect class=\"frame\" x=\"%d\" y=\"10\" width=\"%d\" height=\"%d\"/>", W, H, W, H, Html.esc(title), PAD,
                W - 2 * PAD, H - 40));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", PAD, H - 30,
                W - PAD, H - 30));
        for (int b = 0; b < BINS; b++) {
            double height = (H - 40.0) * counts[b] / most;
            if (counts[b] > 0) {
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                        PAD + b * binWidth + 1, H - 30 - height, binWidth - 2, height, Palette.BASELINE));
            }
        }
        if (Double.isFinite(reference)) {
            for (double r : new double[] {reference, -reference}) {
                double x = PAD + (r - low) / span * (W - 2 * PAD);
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" stroke=\"#a12a1f\" "
                        + "stroke-dasharray=\"3,2\"/>", x, x, H - 30));
            }
            s.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%d\" y=\"%d\" fill=\"#a12a1f\">%s: %+.4f</text>",
                    PAD, H - 6, Html.esc(referenceLabel), reference));
        }
        s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%d\">%+.3f</text><text class=\"tick\" "
                + "x=\"%d\" y=\"%d\" text-anchor=\"end\">%+.3f</text>", PAD, H - 18, low, W - PAD, H - 18, high));
        return s.append("</svg>").toString();
    }
}
