package org.biradsrepro.phantom;

/**
 * Why a BI-RADS 0 image cannot be read: the technical faults that make a radiologist call the patient back, each
 * a pure transformation of the breast or of the rendered intensities.
 */
enum Defect {
    /** Breast positioned off the detector: part of it lies beyond the top or bottom border. */
    TRUNCATED,
    /** Patient motion or poor compression: the whole image is heavily blurred. */
    BLURRED,
    /** Too little dose: the image is dark and its contrast compressed. */
    UNDEREXPOSED;

    static Defect pick(SeededRandom rng) {
        return values()[rng.nextInt(values().length)];
    }

    /** Shifts the breast by 30-42 % of the height, up or down, and magnifies it, so a large part is cut off. */
    static Breast truncate(Breast breast, SeededRandom rng, int height) {
        double direction = rng.chance(0.5) ? -1 : 1;
        return breast.displaced(direction * height * rng.uniform(0.30, 0.42), rng.uniform(1.1, 1.3));
    }

    /** Separable Gaussian blur with a sigma of 2.2 to 3.5 pixels, edges clamped. */
    static double[] blur(double[] pixels, int width, int height, SeededRandom rng) {
        double[] kernel = gaussianKernel(rng.uniform(2.2, 3.5));
        double[] rows = convolve(pixels, width, height, kernel, 1, 0);
        return convolve(rows, width, height, kernel, 0, 1);
    }

    /** Scales intensities by 0.28 to 0.42: darker, and every difference shrinks by the same factor. */
    static void underexpose(double[] pixels, SeededRandom rng) {
        double gain = rng.uniform(0.28, 0.42);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] *= gain;
        }
    }

    static double[] gaussianKernel(double sigma) {
        int radius = (int) StrictMath.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Shapes.gaussian((double) k * k, sigma);
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        return kernel;
    }

    /** One pass along (stepX, stepY); samples beyond the border repeat the edge pixel. */
    private static double[] convolve(double[] in, int width, int height, double[] kernel, int stepX, int stepY) {
        int radius = kernel.length / 2;
        double[] out = new double[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    int sx = StrictMath.min(width - 1, StrictMath.max(0, x + k * stepX));
                    int sy = StrictMath.min(height - 1, StrictMath.max(0, y + k * stepY));
                    sum += kernel[k + radius] * in[sy * width + sx];
                }
                out[y * width + x] = sum;
            }
        }
        return out;
    }
}
