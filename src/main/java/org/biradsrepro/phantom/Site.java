package org.biradsrepro.phantom;

/** Where a finding goes: a random point inside the breast, clear of the skin, the border and the pectoral muscle. */
final class Site {

    private static final int ATTEMPTS = 400;
    private static final double MAX_RADIUS = 0.85;

    private Site() {
    }

    /**
     * Rejection sampling over the image; a point qualifies when it lies at least {@code clearancePx} inside the
     * skin and off the muscle. If none is found (tiny images), the deepest tissue pixel is used.
     */
    static double[] pick(SeededRandom rng, Anatomy a, double clearancePx) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double x = rng.uniform(0, a.width);
            double y = rng.uniform(0, a.height);
            if (qualifies(a, x, y, clearancePx)) {
                return new double[] {x, y};
            }
        }
        return deepest(a);
    }

    private static boolean qualifies(Anatomy a, double x, double y, double clearancePx) {
        if (x < clearancePx || y < clearancePx || x > a.width - clearancePx || y > a.height - clearancePx) {
            return false;
        }
        int i = (int) y * a.width + (int) x;
        return a.depthPx[i] >= clearancePx && a.radius[i] <= MAX_RADIUS && a.muscle[i] == 0;
    }

    private static double[] deepest(Anatomy a) {
        int best = 0;
        for (int i = 1; i < a.depthPx.length; i++) {
            if (a.depthPx[i] > a.depthPx[best]) {
                best = i;
            }
        }
        return new double[] {best % a.width + 0.5, best / a.width + 0.5};
    }
}
