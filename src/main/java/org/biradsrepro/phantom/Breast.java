package org.biradsrepro.phantom;

/**
 * Shape and composition of one synthetic breast. Geometry lives in "breast units" measured from the chest wall
 * ({@code u}, towards the nipple) and from the breast's vertical centre ({@code v}, downwards); {@code scale} maps
 * them to pixels, so a magnified, shifted copy (a badly positioned exposure) keeps the same anatomy and texture.
 *
 * @param chestWallLeft  laterality as seen on the image: chest wall at the left or the right border
 * @param centreY        vertical centre of the breast at the chest wall, pixels
 * @param depth          chest wall to nipple, breast units
 * @param halfHeight     half the breast's extent along the chest wall below the centre, breast units
 * @param topStretch     extent above the centre relative to below: the MLO view reaches up into the axilla
 * @param sag            how far the nipple hangs below the centre, per unit of depth
 * @param lobeAmp        strength of the two-lobed deviation from an ellipse
 * @param lobePhase      orientation of that deviation
 * @param mlo            mediolateral-oblique view, which shows the pectoral muscle; otherwise craniocaudal
 * @param pectoralWidth  width of the muscle at the top edge, breast units
 * @param pectoralHeight length of the muscle along the chest wall, breast units
 * @param muscleLevel    brightness of the muscle
 * @param fatLevel       brightness of fatty tissue
 * @param glandAmp       extra brightness of fully dense tissue over fat
 * @param densityBias    shifts the texture threshold: higher means a denser breast
 * @param scale          pixels per breast unit
 * @param textureSeed    seed of the parenchymal texture
 */
record Breast(boolean chestWallLeft, double centreY, double depth, double halfHeight, double topStretch,
              double sag, double lobeAmp, double lobePhase, boolean mlo, double pectoralWidth, double pectoralHeight,
              double muscleLevel, double fatLevel, double glandAmp, double densityBias, double scale,
              long textureSeed) {

    /** A plausible, well-positioned breast: nipple inside the image; only an MLO axillary tail may leave the top. */
    static Breast random(SeededRandom rng, int width, int height) {
        boolean left = rng.chance(0.5);
        boolean mlo = rng.chance(0.5);
        double depth = width * rng.uniform(0.62, 0.84);
        double halfHeight = height * rng.uniform(0.38, 0.45);
        double topStretch = mlo ? rng.uniform(1.15, 1.35) : 1.0;
        double centreY = height * rng.uniform(0.48, 0.54);
        double sag = mlo ? rng.uniform(0.0, 0.18) : rng.uniform(-0.05, 0.05);
        double lobeAmp = rng.uniform(0.0, 0.07);
        double lobePhase = rng.uniform(0, 2 * StrictMath.PI);
        double pectoralWidth = depth * rng.uniform(0.32, 0.5);
        double pectoralHeight = halfHeight * rng.uniform(0.8, 1.2);
        double muscleLevel = rng.uniform(0.46, 0.56);
        double fatLevel = rng.uniform(0.26, 0.36);
        double glandAmp = rng.uniform(0.18, 0.3);
        double densityBias = rng.uniform(-0.28, 0.22);
        long textureSeed = rng.nextLong();
        return new Breast(left, centreY, depth, halfHeight, topStretch, sag, lobeAmp, lobePhase, mlo, pectoralWidth,
                pectoralHeight, muscleLevel, fatLevel, glandAmp, densityBias, 1.0, textureSeed);
    }

    /** The same breast moved by {@code shiftPx} and magnified, as when it was positioned badly. */
    Breast displaced(double shiftPx, double magnification) {
        return new Breast(chestWallLeft, centreY + shiftPx, depth, halfHeight, topStretch, sag, lobeAmp, lobePhase, mlo,
                pectoralWidth, pectoralHeight, muscleLevel, fatLevel, glandAmp, densityBias, scale * magnification,
                textureSeed);
    }

    double u(double px, int width) {
        return (chestWallLeft ? px : width - px) / scale;
    }

    double v(double py) {
        return (py - centreY) / scale;
    }

    double nippleU() {
        return depth;
    }

    double nippleV() {
        return sag * depth;
    }

    /** Normalised elliptical radius: 0 at the chest-wall centre, 1 on the skin; a half-ellipse with a slight lobe. */
    double radius(double u, double v) {
        double nu = u / depth;
        double vs = v - sag * u;
        double nv = vs / verticalExtent(vs);
        double theta = StrictMath.atan2(nv, nu);
        return Shapes.hypot(nu, nv) / (1 + lobeAmp * StrictMath.cos(2 * theta + lobePhase));
    }

    /**
     * Pixels per unit of normalised radius near (u, v): turns "1 - radius" into a distance to the skin in pixels,
     * so the skin line and the fatty rim have the same width all round. The lobe and sag are ignored here.
     */
    double pixelsPerRadius(double u, double v) {
        double nu = u / depth;
        double extent = verticalExtent(v - sag * u);
        double nv = (v - sag * u) / extent;
        double r = StrictMath.max(Shapes.hypot(nu, nv), 1e-6);
        double gradient = Shapes.hypot(nu / depth, nv / extent) / r;
        return scale / StrictMath.max(gradient, 1e-9);
    }

    /** Above the nipple line the MLO breast runs up into the axilla; the switch is smooth where vs crosses 0. */
    private double verticalExtent(double vs) {
        return vs < 0 ? halfHeight * topStretch : halfHeight;
    }

    /** Pectoral muscle (MLO only): a soft-edged triangle in the upper chest-wall corner, 0..1. */
    double muscle(double u, double v) {
        if (!mlo) {
            return 0;
        }
        double along = (v + halfHeight * topStretch * 1.05) / pectoralHeight;
        if (along >= 1) {
            return 0;
        }
        double insidePx = (pectoralWidth * (1 - along) - u) * scale;
        return Shapes.smoothstep(-2.5, 2.5, insidePx);
    }
}
