package org.biradsrepro.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Section 4.2's preprocessing: decode, turn grayscale into RGB, resize to {@code size x size}. Output is a
 * channel-first float array in the 0..255 range; each backbone applies its own input scaling on top.
 *
 * <p>Resizing is bilinear with half-pixel centres and no antialiasing, as TensorFlow's {@code tf.image.resize}
 * (and so Keras' image loading) does by default: the paper's pipeline squashed every mammogram to 331x331
 * without keeping the aspect ratio, and so does this.
 */
public final class ImagePreprocessor {

    public static final int CHANNELS = 3;

    private final int size;

    public ImagePreprocessor(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be positive: " + size);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** Decodes and preprocesses one file; a file that cannot be used fails with its path in the message. */
    public float[] load(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetException("Cannot decode image " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetException("Cannot decode image " + file.toAbsolutePath()
                    + ": no image reader recognised its content (is it really an image?)");
        }
        if (image.getWidth() < 2 || image.getHeight() < 2) {
            throw new DatasetException("Image " + file.toAbsolutePath() + " is " + image.getWidth() + "x"
                    + image.getHeight() + " pixels; at least 2x2 is needed to resize it meaningfully");
        }
        return toRgbPlanes(image);
    }

    float[] toRgbPlanes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[CHANNELS * size * size];
        if (isGray(image)) {
            float[] gray = resize(grayPlane(image), w, h, size);
            for (int c = 0; c < CHANNELS; c++) {
                System.arraycopy(gray, 0, out, c * size * size, size * size);
            }
        } else {
            float[][] planes = rgbPlanes(image);
            for (int c = 0; c < CHANNELS; c++) {
                System.arraycopy(resize(planes[c], w, h, size), 0, out, c * size * size, size * size);
            }
        }
        return out;
    }

    private static boolean isGray(BufferedImage image) {
        return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getColorModel().getNumColorComponents() == 1;
    }

    /** Gray samples of any bit depth mapped onto 0..255, so 8- and 16-bit images feed the network alike. */
    private static float[] grayPlane(BufferedImage image) {
        Raster raster = image.getRaster();
        int bits = image.getColorModel().getComponentSize(0);
        double scale = 255.0 / ((1L << bits) - 1);
        int w = image.getWidth();
        int h = image.getHeight();
        float[] plane = new float[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                plane[y * w + x] = (float) (row[x] * scale);
            }
        }
        return plane;
    }

    private static float[][] rgbPlanes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] planes = new float[CHANNELS][w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                planes[0][y * w + x] = (argb >> 16) & 0xFF;
                planes[1][y * w + x] = (argb >> 8) & 0xFF;
                planes[2][y * w + x] = argb & 0xFF;
            }
        }
        return planes;
    }

    /** TensorFlow-style bilinear resize (half-pixel centres, no antialiasing) of one w x h plane to n x n. */
    static float[] resize(float[] src, int w, int h, int n) {
        float[] out = new float[n * n];
        double sy = (double) h / n;
        double sx = (double) w / n;
        for (int oy = 0; oy < n; oy++) {
            double fy = (oy + 0.5) * sy - 0.5;
            int y0f = (int) Math.floor(fy);
            int y0 = Math.max(y0f, 0);
            int y1 = Math.min(y0f + 1, h - 1);
            double ly = fy - y0f;
            for (int ox = 0; ox < n; ox++) {
                double fx = (ox + 0.5) * sx - 0.5;
                int x0f = (int) Math.floor(fx);
                int x0 = Math.max(x0f, 0);
                int x1 = Math.min(x0f + 1, w - 1);
                double lx = fx - x0f;
                double top = src[y0 * w + x0] + (src[y0 * w + x1] - src[y0 * w + x0]) * lx;
                double bottom = src[y1 * w + x0] + (src[y1 * w + x1] - src[y1 * w + x0]) * lx;
                out[oy * n + ox] = (float) (top + (bottom - top) * ly);
            }
        }
        return out;
    }
}
