package org.biradsrepro.phantom;

/** Soft step functions shared by the anatomy and the findings; all pure and StrictMath-based. */
final class Shapes {

    private Shapes() {
    }

    static double clamp01(double x) {
        return x <= 0 ? 0 : x >= 1 ? 1 : x;
    }

    /** Hermite step from 0 at {@code edge0} to 1 at {@code edge1}. */
    static double smoothstep(double edge0, double edge1, double x) {
        double t = clamp01((x - edge0) / (edge1 - edge0));
        return t * t * (3 - 2 * t);
    }

    /**
     * A margin {@code width} pixels wide: 1 well inside, 0 well outside. A width under a pixel reads as a sharp,
     * circumscribed edge; several pixels read as an indistinct one.
     */
    static double margin(double insidePx, double width) {
        return clamp01(insidePx / width + 0.5);
    }

    /** Logistic margin: like {@link #margin} but with long tails, so the border fades into the tissue. */
    static double blurredMargin(double insidePx, double softness) {
        return 1.0 / (1.0 + StrictMath.exp(-insidePx / softness));
    }

    static double gaussian(double distanceSq, double sigma) {
        return StrictMath.exp(-distanceSq / (2 * sigma * sigma));
    }

    static double hypot(double x, double y) {
        return StrictMath.sqrt(x * x + y * y);
    }
}
