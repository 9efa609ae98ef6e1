package org.biradsrepro.data.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Section 4.2's preprocessing: decode, turn grayscale into RGB, resize to {@code size x size}. Output is a
 * channel-first float array in the 0..255 range; each backbone applies its own input scaling on top.
 *
 * <p>Resizing is bilinear with half-pixel centres and no antialiasing, as TensorFlow's {@code tf.image.resize}
 * (and so Keras' image loading) does by default: the paper's pipeline squashed every mammogram to 331x331
 * without keeping the aspect ratio, and so does this. It reads the decoded samples where they lie (8 or 16 bit,
 * through the format's 0..255 table), so a full-size mammogram is never copied into floats.
 */
public final class ImagePreprocessor {

    public static final int CHANNELS = 3;

    private final int size;
    private final long maxPixels;
    private final AtomicInteger decodes = new AtomicInteger();

    public ImagePreprocessor(int size) {
        this(size, ImageDecoder.DEFAULT_MAX_PIXELS);
    }

    /** @param maxPixels a file whose header declares more pixels is refused before decoding */
    public ImagePreprocessor(int size, long maxPixels) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be positive: " + size);
        }
        if (maxPixels < ImageDecoder.MIN_SIDE * ImageDecoder.MIN_SIDE) {
            throw new IllegalArgumentException("maxPixels must allow a 2x2 image: " + maxPixels);
        }
        this.size = size;
        this.maxPixels = maxPixels;
    }

    public int size() {
        return size;
    }

    /**
     * The setting the output of {@link #load} depends on besides the file's content and this package's code (which
     * cache keys take from its code identity: data.image.DecodeCache, the feature cache).
     */
    public String settingsKey() {
        return "size=" + size;
    }

    /** How many files this preprocessor has decoded (a cache hit decodes nothing). */
    public int decodes() {
        return decodes.get();
    }

    /** Decodes and preprocesses one file; a file that cannot be used fails with its path in the message. */
    public float[] load(Path file) {
        decodes.incrementAndGet();
        return toRgbPlanes(ImageDecoder.decode(file, maxPixels));
    }

    /** Preprocesses an image already in memory (e.g. a freshly drawn phantom) exactly as {@link #load} does a file. */
    public float[] preprocess(BufferedImage image) {
        return toRgbPlanes(image);
    }

    float[] toRgbPlanes(BufferedImage image) {
        return toRgbPlanes(ImageDecoder.fromBufferedImage(image));
    }

    float[] toRgbPlanes(DecodedImage image) {
        float[] out = new float[CHANNELS * size * size];
        for (int c = 0; c < CHANNELS; c++) {
            if (c == 0 || !image.isGray()) {
                resizeInto(image.channels().get(c), size, out, c * size * size);
            } else {
                System.arraycopy(out, 0, out, c * size * size, size * size);
            }
        }
        return out;
    }

    /** TensorFlow-style bilinear resize (half-pixel centres, no antialiasing) of one plane to n x n. */
    static void resizeInto(Plane src, int n, float[] out, int offset) {
        int w = src.width();
        int h = src.height();
        double sy = (double) h / n;
        double sx = (double) w / n;
        int[] x0s = new int[n];
        int[] x1s = new int[n];
        double[] lxs = new double[n];
        for (int ox = 0; ox < n; ox++) {
            double fx = (ox + 0.5) * sx - 0.5;
            int x0f = (int) Math.floor(fx);
            x0s[ox] = Math.max(x0f, 0);
            x1s[ox] = Math.min(x0f + 1, w - 1);
            lxs[ox] = fx - x0f;
        }
        for (int oy = 0; oy < n; oy++) {
            double fy = (oy + 0.5) * sy - 0.5;
            int y0f = (int) Math.floor(fy);
            int row0 = Math.max(y0f, 0) * w;
            int row1 = Math.min(y0f + 1, h - 1) * w;
            double ly = fy - y0f;
            for (int ox = 0; ox < n; ox++) {
                int x0 = x0s[ox];
                int x1 = x1s[ox];
                double lx = lxs[ox];
                // float differences, then double: the arithmetic (and so the bits) of the original float[] resize
                float a = src.at(row0 + x0);
                float b = src.at(row0 + x1);
                float c = src.at(row1 + x0);
                float d = src.at(row1 + x1);
                double top = a + (b - a) * lx;
                double bottom = c + (d - c) * lx;
                out[offset + oy * n + ox] = (float) (top + (bottom - top) * ly);
            }
        }
    }
}
