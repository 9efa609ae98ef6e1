package org.biradsrepro.phantom;

/**
 * Smoothed multi-scale value noise. Lattice values are hashed from (seed, cell) instead of being stored, so any
 * coordinate (polar, magnified, negative) can be sampled and the result does not depend on the order of sampling.
 */
final class Texture {

    private static final long OCTAVE_STEP = 0x632BE59BD9B4E019L;
    private static final long LOBULE_SALT = 0x5DEECE66DL;

    private Texture() {
    }

    /**
     * Fibroglandular pattern at breast coordinates (u from the chest wall, v down), roughly in [-1, 1]. Ducts and
     * trabeculae converge on the nipple, so one component is noise stretched along rays from the nipple; lobules
     * and fat lobules are round, so the other is isotropic.
     */
    static double parenchyma(long seed, double u, double v, double nippleU, double nippleV) {
        double du = nippleU - u;
        double dv = v - nippleV;
        double rho = StrictMath.sqrt(du * du + dv * dv);
        double phi = StrictMath.atan2(dv, du);
        double ducts = fbm(seed, rho / 10.0, phi * 13.0, 3, 0.5);
        double lobules = fbm(seed ^ LOBULE_SALT, u / 11.0, v / 11.0, 4, 0.55);
        return 1.2 * ducts + 0.9 * lobules;
    }

    /** Sum of octaves, each twice as fine as the last and {@code persistence} times as strong, normalised. */
    static double fbm(long seed, double x, double y, int octaves, double persistence) {
        double sum = 0;
        double norm = 0;
        double amplitude = 1;
        double frequency = 1;
        for (int octave = 0; octave < octaves; octave++) {
            sum += amplitude * valueNoise(seed + octave * OCTAVE_STEP, x * frequency, y * frequency);
            norm += amplitude;
            amplitude *= persistence;
            frequency *= 2;
        }
        return sum / norm;
    }

    /** Lattice values in [-1, 1) blended with a quintic fade, so the field and its slope are continuous. */
    static double valueNoise(long seed, double x, double y) {
        double fx = StrictMath.floor(x);
        double fy = StrictMath.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = fade(x - fx);
        double ty = fade(y - fy);
        double top = lerp(lattice(seed, ix, iy), lattice(seed, ix + 1, iy), tx);
        double bottom = lerp(lattice(seed, ix, iy + 1), lattice(seed, ix + 1, iy + 1), tx);
        return lerp(top, bottom, ty);
    }

    static double lattice(long seed, long ix, long iy) {
        long h = SeededRandom.mix(seed + ix * 0x9E3779B97F4A7C15L);
        h = SeededRandom.mix(h ^ (iy * 0xC2B2AE3D27D4EB4FL));
        return (h >>> 11) * 0x1.0p-52 - 1.0;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
