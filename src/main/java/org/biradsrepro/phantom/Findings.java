package org.biradsrepro.phantom;

/**
 * The lesions that set BI-RADS 2..5, each drawn by a small profile function over its bounding box. Contrasts are
 * of the order of the parenchymal texture, so a finding can hide in dense tissue as it can in a real mammogram.
 */
final class Findings {

    /** Brightness added at an offset (dx, dy) in pixels from a finding's centre. */
    @FunctionalInterface
    interface Profile {
        double at(double dx, double dy);
    }

    private Findings() {
    }

    static void add(int birads, SeededRandom rng, Anatomy a) {
        switch (birads) {
            case 2 -> benign(rng, a);
            case 3 -> probablyBenign(rng, a);
            case 4 -> suspicious(rng, a);
            case 5 -> malignant(rng, a);
            default -> {
                // BI-RADS 1 has no finding; a BI-RADS 0 image is spoilt by a Defect instead.
            }
        }
    }

    private static void benign(SeededRandom rng, Anatomy a) {
        if (rng.chance(0.5)) {
            roundMass(rng, a);
        } else {
            popcorn(rng, a);
        }
    }

    private static void probablyBenign(SeededRandom rng, Anatomy a) {
        ovalMass(rng, a);
    }

    private static void suspicious(SeededRandom rng, Anatomy a) {
        if (rng.chance(0.5)) {
            irregularMass(rng, a);
        } else {
            microcalcifications(rng, a);
        }
    }

    private static void malignant(SeededRandom rng, Anatomy a) {
        spiculatedMass(rng, a);
    }

    // One finding of each kind, placed and sized at random; the BI-RADS classes above pick among them, and the
    // source task of SourceTask draws them directly.

    static void roundMass(SeededRandom rng, Anatomy a) {
        double r = rng.uniform(5.0, 8.5);
        stamp(a, Site.pick(rng, a, r + 3), r + 2, roundMass(r, rng.uniform(0.12, 0.2)));
    }

    static void popcorn(SeededRandom rng, Anatomy a) {
        double spread = rng.uniform(8, 14);
        stamp(a, Site.pick(rng, a, spread + 3), spread + 3, popcorn(rng, spread));
    }

    static void ovalMass(SeededRandom rng, Anatomy a) {
        double major = rng.uniform(4.0, 6.0);
        double minor = major * rng.uniform(0.5, 0.72);
        Profile oval = ovalMass(major, minor, rng.uniform(0, StrictMath.PI), rng.uniform(0.12, 0.2));
        stamp(a, Site.pick(rng, a, major + 3), major + 2, oval);
    }

    static void irregularMass(SeededRandom rng, Anatomy a) {
        double r = rng.uniform(5.0, 8.0);
        stamp(a, Site.pick(rng, a, r + 5), 2.2 * r + 6, irregularMass(rng, r, rng.uniform(0.12, 0.19)));
    }

    static void microcalcifications(SeededRandom rng, Anatomy a) {
        double spread = rng.uniform(4.0, 7.0);
        stamp(a, Site.pick(rng, a, spread + 3), spread + 3, microcalcifications(rng, spread));
    }

    static void spiculatedMass(SeededRandom rng, Anatomy a) {
        double core = rng.uniform(3.5, 5.5);
        double reach = core * 3.6;
        stamp(a, Site.pick(rng, a, core + 6), reach, spiculatedMass(rng, core, rng.uniform(0.12, 0.19)));
    }

    /** Round, sharply bordered and slightly domed, as a fluid-filled or fibrous benign lesion projects. */
    static Profile roundMass(double radius, double contrast) {
        return (dx, dy) -> {
            double d = Shapes.hypot(dx, dy);
            double dome = 1 - 0.3 * StrictMath.min(1, (d / radius) * (d / radius));
            return contrast * dome * Shapes.margin(radius - d, 0.7);
        };
    }

    /** Oval, sharply bordered and slightly domed: the typical probably-benign fibroadenoma. */
    static Profile ovalMass(double major, double minor, double angle, double contrast) {
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        return (dx, dy) -> {
            double p = (dx * cos + dy * sin) / major;
            double q = (-dx * sin + dy * cos) / minor;
            double e = Shapes.hypot(p, q);
            double dome = 1 - 0.3 * StrictMath.min(1, e * e);
            return contrast * dome * Shapes.margin((1 - e) * minor, 0.7);
        };
    }

    /** Lobulated outline (a few low harmonics) and a logistic margin several pixels wide: indistinct borders. */
    static Profile irregularMass(SeededRandom rng, double radius, double contrast) {
        double[] amp = new double[6];
        double[] phase = new double[6];
        for (int k = 2; k < 6; k++) {
            amp[k] = rng.uniform(0.08, 0.24);
            phase[k] = rng.uniform(0, 2 * StrictMath.PI);
        }
        double softness = rng.uniform(1.0, 1.7);
        return (dx, dy) -> {
            double theta = StrictMath.atan2(dy, dx);
            double outline = 1;
            for (int k = 2; k < 6; k++) {
                outline += amp[k] * StrictMath.cos(k * theta + phase[k]);
            }
            double d = Shapes.hypot(dx, dy);
            return contrast * Shapes.blurredMargin(radius * outline - d, softness);
        };
    }

    /**
     * Coarse "popcorn" calcifications: a few large, very bright, lumpy blobs spread over a wide area. Overlapping
     * lumps take the maximum, as a calcification is opaque rather than additive.
     */
    static Profile popcorn(SeededRandom rng, double spread) {
        int count = rng.between(3, 6);
        double[][] lumps = new double[count * 3][];
        double contrast = rng.uniform(0.25, 0.4);
        for (int c = 0; c < count; c++) {
            double[] centre = inDisc(rng, spread);
            for (int l = 0; l < 3; l++) {
                double[] offset = inDisc(rng, 1.3);
                lumps[c * 3 + l] = new double[] {centre[0] + offset[0], centre[1] + offset[1], rng.uniform(1.0, 2.0)};
            }
        }
        return (dx, dy) -> {
            double best = 0;
            for (double[] lump : lumps) {
                double d = Shapes.hypot(dx - lump[0], dy - lump[1]);
                best = StrictMath.max(best, Shapes.margin(lump[2] - d, 0.8));
            }
            return contrast * best;
        };
    }

    /** Many fine dots, about a pixel each, packed into a few millimetres: a suspicious grouped pattern. */
    static Profile microcalcifications(SeededRandom rng, double spread) {
        int count = rng.between(9, 20);
        double[][] dots = new double[count][];
        for (int c = 0; c < count; c++) {
            double[] centre = inDisc(rng, spread);
            dots[c] = new double[] {centre[0], centre[1], rng.uniform(0.18, 0.35)};
        }
        return (dx, dy) -> {
            double best = 0;
            for (double[] dot : dots) {
                double dSq = (dx - dot[0]) * (dx - dot[0]) + (dy - dot[1]) * (dy - dot[1]);
                best = StrictMath.max(best, dot[2] * Shapes.gaussian(dSq, 0.5));
            }
            return best;
        };
    }

    /** A dense core with an ill-defined edge and thin, slightly curved bright lines radiating from it. */
    static Profile spiculatedMass(SeededRandom rng, double core, double contrast) {
        int count = rng.between(8, 14);
        double[][] spicules = new double[count][];
        double start = rng.uniform(0, 2 * StrictMath.PI);
        for (int s = 0; s < count; s++) {
            double angle = start + 2 * StrictMath.PI * (s + rng.uniform(-0.3, 0.3)) / count;
            spicules[s] = new double[] {StrictMath.cos(angle), StrictMath.sin(angle),
                core * rng.uniform(1.4, 2.6), rng.uniform(-0.03, 0.03), contrast * rng.uniform(0.6, 0.9)};
        }
        return (dx, dy) -> {
            double d = Shapes.hypot(dx, dy);
            double body = contrast * Shapes.blurredMargin(core - d, 0.7);
            double lines = 0;
            for (double[] s : spicules) {
                lines = StrictMath.max(lines, spicule(s, core, dx, dy));
            }
            return StrictMath.max(body, lines);
        };
    }

    /** One spicule {cos, sin, length, curvature, contrast}: a fading line from inside the core outwards. */
    private static double spicule(double[] s, double core, double dx, double dy) {
        double along = dx * s[0] + dy * s[1] - 0.5 * core;
        if (along < 0 || along > s[2] + 0.5 * core) {
            return 0;
        }
        double across = -dx * s[1] + dy * s[0] - s[3] * along * along;
        double fade = 1 - along / (s[2] + 0.5 * core);
        return s[4] * fade * Shapes.gaussian(across * across, 0.55);
    }

    /** Adds a profile over the square of half-size {@code reach} around {@code centre}, clipped to the image. */
    static void stamp(Anatomy a, double[] centre, double reach, Profile profile) {
        int x0 = StrictMath.max(0, (int) StrictMath.floor(centre[0] - reach));
        int x1 = StrictMath.min(a.width - 1, (int) StrictMath.ceil(centre[0] + reach));
        int y0 = StrictMath.max(0, (int) StrictMath.floor(centre[1] - reach));
        int y1 = StrictMath.min(a.height - 1, (int) StrictMath.ceil(centre[1] + reach));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                a.add(x, y, profile.at(x + 0.5 - centre[0], y + 0.5 - centre[1]));
            }
        }
    }

    /** Uniform point in a disc of the given radius, by rejection so that it costs no transcendental calls. */
    static double[] inDisc(SeededRandom rng, double radius) {
        while (true) {
            double x = rng.uniform(-1, 1);
            double y = rng.uniform(-1, 1);
            if (x * x + y * y <= 1) {
                return new double[] {x * radius, y * radius};
            }
        }
    }
}
