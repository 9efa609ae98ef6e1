package org.biradsrepro.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.biradsrepro.claims.ClaimVerdict;

/**
 * One claim's estimate as a small inline SVG: the corrected interval of the mean difference (each end a one-sided
 * 95% bound) with its mean, against 0, the smallest effect the design detects with 80% power (MDE) and the gain the
 * paper reports. Whether the paper's gain lies beyond the upper bound, and whether it lies beyond the MDE, is then
 * visible at a glance: the first is "ruled out", the second "detectable here".
 */
final class IntervalBar {

    private static final int W = 180;
    private static final int H = 30;
    private static final int PAD = 8;
    private static final String INTERVAL = "#1f5f99";
    private static final String MDE = "#a36b00";
    private static final String PAPER = "#a12a1f";

    private IntervalBar() {}

    /** The bar, or an empty string where the claim has no interval (not exercised, too few splits). */
    static String svg(ClaimVerdict v) {
        ClaimVerdict.Estimate e = v.estimate();
        if (!Double.isFinite(e.lower95()) || !Double.isFinite(e.upper95())) {
            return "";
        }
        double mde = v.detectability().mde80();
        List<Double> shown = new ArrayList<>(List.of(0.0, e.lower95(), e.upper95()));
        if (Double.isFinite(mde)) {
            shown.add(mde);
        }
        if (Double.isFinite(v.paperGain())) {
            shown.add(v.paperGain());
        }
        double low = shown.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double high = shown.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double span = high - low > 0 ? high - low : 1e-9;
        java.util.function.DoubleUnaryOperator x = d -> PAD + (d - low) / span * (W - 2 * PAD);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"interval-bar\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>", W, H, W, H, Html.esc(title(v, mde))));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"14\" x2=\"%d\" y2=\"14\" stroke=\"#ddd\"/>", PAD, W - PAD));
        s.append(String.format(Locale.ROOT, "<line class=\"zero\" x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"24\" stroke=\"#555\"/>"
                + "<text x=\"%.1f\" y=\"29\" font-size=\"7\" text-anchor=\"middle\" fill=\"#555\">0</text>",
                x.applyAsDouble(0), x.applyAsDouble(0), x.applyAsDouble(0)));
        if (Double.isFinite(mde)) {
            s.append(String.format(Locale.ROOT, "<line class=\"mde\" x1=\"%.1f\" y1=\"6\" x2=\"%.1f\" y2=\"22\" stroke=\"%s\" "
                    + "stroke-dasharray=\"2,2\"/><text x=\"%.1f\" y=\"6\" font-size=\"7\" text-anchor=\"middle\" fill=\"%s\">MDE</text>",
                    x.applyAsDouble(mde), x.applyAsDouble(mde), MDE, x.applyAsDouble(mde), MDE));
        }
        if (Double.isFinite(v.paperGain())) {
            double g = x.applyAsDouble(v.paperGain());
            s.append(String.format(Locale.ROOT, "<path class=\"paper-gain\" d=\"M%.1f 22 l-3 6 h6 z\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"29\" font-size=\"7\" text-anchor=\"start\" fill=\"%s\">&#160;paper</text>",
                    g, PAPER, g + 3, PAPER));
        }
        s.append(String.format(Locale.ROOT, "<line class=\"interval\" x1=\"%.1f\" y1=\"14\" x2=\"%.1f\" y2=\"14\" stroke=\"%s\" "
                        + "stroke-width=\"3\"/><circle class=\"mean\" cx=\"%.1f\" cy=\"14\" r=\"3\" fill=\"%s\"/>",
                x.applyAsDouble(e.lower95()), Math.max(x.applyAsDouble(e.upper95()), x.applyAsDouble(e.lower95()) + 1),
                INTERVAL, x.applyAsDouble(e.mean()), INTERVAL));
        return s.append("</svg>").toString();
    }

    private static String title(ClaimVerdict v, double mde) {
        ClaimVerdict.Estimate e = v.estimate();
        return String.format(Locale.ROOT, "mean %+.4f, corrected 90%% interval [%+.4f, %+.4f]%s%s", e.mean(),
                e.lower95(), e.upper95(), Double.isFinite(mde) ? String.format(Locale.ROOT, ", MDE %+.4f", mde) : "",
                Double.isFinite(v.paperGain()) ? String.format(Locale.ROOT, ", paper's gain %+.4f", v.paperGain()) : "");
    }
}
