package org.biradsrepro.phantom;

/**
 * The rendered breast without findings, plus the per-pixel maps that findings need: where tissue is, how deep
 * inside the skin a pixel lies and where the pectoral muscle is. Findings add to {@link #intensity} in place.
 */
final class Anatomy {

    final int width;
    final int height;
    final double[] intensity;
    final double[] tissue;
    final double[] depthPx;
    final double[] radius;
    final double[] muscle;

    private Anatomy(int width, int height) {
        this.width = width;
        this.height = height;
        int n = width * height;
        this.intensity = new double[n];
        this.tissue = new double[n];
        this.depthPx = new double[n];
        this.radius = new double[n];
        this.muscle = new double[n];
    }

    static Anatomy render(Breast breast, int width, int height) {
        Anatomy a = new Anatomy(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                a.renderPixel(breast, x, y);
            }
        }
        return a;
    }

    /** Adds a finding's brightness; scaled by the tissue mask so nothing leaks onto the black background. */
    void add(int x, int y, double amount) {
        int i = y * width + x;
        intensity[i] += amount * tissue[i];
    }

    private void renderPixel(Breast b, int x, int y) {
        int i = y * width + x;
        double u = b.u(x + 0.5, width);
        double v = b.v(y + 0.5);
        double r = b.radius(u, v);
        double inside = (1 - r) * b.pixelsPerRadius(u, v);
        radius[i] = r;
        depthPx[i] = inside;
        tissue[i] = Shapes.margin(inside, 1.0);
        if (tissue[i] == 0) {
            return;
        }
        muscle[i] = b.muscle(u, v);
        double soft = fat(b, inside) + glandular(b, u, v, r) + grain(b, u, v);
        double body = soft * (1 - muscle[i]) + muscleTissue(b, u, v) * muscle[i];
        intensity[i] = tissue[i] * body + skinLine(inside);
    }

    /** Compressed thickness falls towards the skin, so the periphery is darker than the fat further in. */
    private static double fat(Breast b, double insidePx) {
        return b.fatLevel() * (0.5 + 0.5 * Shapes.smoothstep(0, 12, insidePx));
    }

    /**
     * Dense tissue sits behind the nipple, away from the skin; a soft threshold on the texture makes patches of
     * gland separated by dark fat lobules, and the density bias sets how much of the breast is dense.
     */
    private static double glandular(Breast b, double u, double v, double r) {
        double wobble = Texture.fbm(b.textureSeed() ^ 0x3C6EF372FE94F82BL, u / 35.0, v / 35.0, 2, 0.5);
        double extent = 1 - Shapes.smoothstep(0.35, 0.88, r + 0.25 * wobble);
        double pattern = Texture.parenchyma(b.textureSeed(), u, v, b.nippleU(), b.nippleV());
        double dense = 1.0 / (1.0 + StrictMath.exp(-(pattern + b.densityBias()) / 0.22));
        return extent * b.glandAmp() * dense;
    }

    /** Fine quantum-like grain; small, because white noise is both unrealistic here and costly to compress. */
    private static double grain(Breast b, double u, double v) {
        return 0.012 * Texture.valueNoise(b.textureSeed() + 17, u / 1.6, v / 1.6);
    }

    /** Muscle fibres run along the muscle: slight streaks over a nearly uniform bright band. */
    private static double muscleTissue(Breast b, double u, double v) {
        double fibres = Texture.fbm(b.textureSeed() + 29, (u + 0.6 * v) / 2.5, (v - 0.6 * u) / 14.0, 2, 0.5);
        return b.muscleLevel() + 0.03 * fibres;
    }

    /** Skin is a thin band a little denser than the fat beneath it. */
    private static double skinLine(double insidePx) {
        if (insidePx < -1 || insidePx > 4) {
            return 0;
        }
        return 0.09 * Shapes.gaussian((insidePx - 1.0) * (insidePx - 1.0), 0.6);
    }
}
