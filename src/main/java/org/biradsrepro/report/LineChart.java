package org.biradsrepro.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * A small inline SVG line chart: no script, no external file, prints as it shows. Each series is a polyline;
 * optional marks are labelled vertical lines (the kept epoch, the last epoch).
 */
final class LineChart {

    /** A polyline; {@code dashed} for reference lines (the chance diagonal). */
    record Series(String name, String color, double[] x, double[] y, boolean dashed) {
        Series(String name, String color, double[] x, double[] y) {
            this(name, color, x, y, false);
        }
    }

    record Mark(String label, String color, double x) {}

    private static final int W = 340;
    private static final int H = 170;
    private static final int SQUARE = 260;
    private static final int PAD_L = 48;
    private static final int PAD_R = 10;
    private static final int PAD_T = 12;
    private static final int PAD_B = 34;

    private LineChart() {}

    static String svg(String title, String xLabel, List<Series> series, List<Mark> marks) {
        return svg(title, xLabel, series, marks, false);
    }

    /**
     * @param logY plot y on a log scale (tick labels stay in y's own units): a first-epoch loss many times the
     *     rest would otherwise flatten the part of the curve where the kept and the last epoch differ
     */
    static String svg(String title, String xLabel, List<Series> series, List<Mark> marks, boolean logY) {
        return draw(title, xLabel, null, series, marks, logY, null, W, H);
    }

    /** A square chart with both axes fixed to [0, 1]: ROC and precision-recall curves. */
    static String unitSquare(String title, String xLabel, String yLabel, List<Series> series) {
        return draw(title, xLabel, yLabel, series, List.of(), false, new double[] {0, 1, 0, 1}, SQUARE, SQUARE);
    }

    private static String draw(String title, String xLabel, String yLabel, List<Series> series, List<Mark> marks, boolean logY,
                               double[] fixedBounds, int w, int h) {
        boolean log = logY && series.stream().flatMapToDouble(s -> Arrays.stream(s.y()))
                .filter(Double::isFinite).allMatch(v -> v > 0);
        DoubleUnaryOperator fy = log ? Math::log10 : v -> v;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    minX = Math.min(minX, s.x()[i]);
                    maxX = Math.max(maxX, s.x()[i]);
                    minY = Math.min(minY, fy.applyAsDouble(s.y()[i]));
                    maxY = Math.max(maxY, fy.applyAsDouble(s.y()[i]));
                }
            }
        }
        if (fixedBounds != null && minX <= maxX) {
            minX = fixedBounds[0];
            maxX = fixedBounds[1];
            minY = fixedBounds[2];
            maxY = fixedBounds[3];
        }
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" width=\"").append(w).append("\" height=\"").append(h).append("\"><title>")
                .append(Html.esc(title)).append("</title>");
        if (minX > maxX) {
            return b.append("<text x=\"10\" y=\"20\">no finite values</text></svg>").toString();
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + 1e-9 + Math.abs(minY) * 0.01;
        }
        final double x0 = minX;
        final double x1 = maxX;
        final double y0 = minY;
        final double y1 = maxY;
        DoubleUnaryOperator px = v -> PAD_L + (v - x0) / (x1 - x0) * (w - PAD_L - PAD_R);
        DoubleUnaryOperator py = v -> h - PAD_B - (v - y0) / (y1 - y0) * (h - PAD_T - PAD_B);
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>",
                PAD_L, PAD_T, w - PAD_L - PAD_R, h - PAD_T - PAD_B));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%s</text>",
                PAD_L - 3, PAD_T + 8, Html.esc(fmt(log ? Math.pow(10, y1) : y1))));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%s</text>",
                PAD_L - 3, h - PAD_B, Html.esc(fmt(log ? Math.pow(10, y0) : y0) + (log ? " log" : ""))));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\">%s</text>", PAD_L, h - PAD_B + 12, Html.esc(fmt(x0))));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%s</text>",
                w - PAD_R, h - PAD_B + 12, Html.esc(fmt(x1))));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                (w + PAD_L) / 2, h - PAD_B + 12, Html.esc(xLabel)));
        if (yLabel != null) {
            b.append(String.format(Locale.ROOT, "<text class=\"tick\" text-anchor=\"middle\" transform=\"translate(%d,%d) rotate(-90)\">%s</text>",
                    PAD_L - 14, (PAD_T + h - PAD_B) / 2, Html.esc(yLabel)));
        }
        for (Mark m : marks) {
            double x = px.applyAsDouble(m.x());
            b.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"3,2\"/>",
                    x, PAD_T, x, h - PAD_B, Html.esc(m.color())));
        }
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(s.x()[i]),
                            py.applyAsDouble(fy.applyAsDouble(s.y()[i]))));
                }
            }
            b.append("<polyline fill=\"none\" stroke-width=\"1.6\"").append(s.dashed() ? " stroke-dasharray=\"4,3\"" : "")
                    .append(" stroke=\"").append(Html.esc(s.color()))
                    .append("\" points=\"").append(pts.toString().trim()).append("\"/>");
        }
        int lx = PAD_L;
        for (Series s : series) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"legend\" fill=\"%s\">%s</text>",
                    lx, h - 6, Html.esc(s.color()), Html.esc(s.name())));
            lx += 8 + 7 * s.name().length();
        }
        for (Mark m : marks) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"legend\" fill=\"%s\">%s</text>",
                    lx, h - 6, Html.esc(m.color()), Html.esc(m.label())));
            lx += 8 + 7 * m.label().length();
        }
        return b.append("</svg>").toString();
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }
}
