package org.biradsrepro.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.biradsrepro.data.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePreprocessorTest {

    @TempDir
    Path dir;

    private static BufferedImage gray8(int w, int h, int... rowMajor) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < rowMajor.length; i++) {
            img.getRaster().setSample(i % w, i / w, 0, rowMajor[i]);
        }
        return img;
    }

    private static float[] channel(float[] planes, int c, int size) {
        return Arrays.copyOfRange(planes, c * size * size, (c + 1) * size * size);
    }

    private Path writePng(String name, BufferedImage img) throws IOException {
        Path file = dir.resolve(name);
        assertThat(ImageIO.write(img, "png", file.toFile())).as("a PNG writer exists").isTrue();
        return file;
    }

    @Test
    void grayscaleBecomesThreeIdenticalChannelsWithItsRawValues() throws IOException {
        int[] values = {0, 17, 34, 51, 68, 85, 102, 119, 136, 153, 170, 187, 204, 221, 238, 255};
        Path file = writePng("gray.png", gray8(4, 4, values));

        float[] out = new ImagePreprocessor(4).load(file);

        assertThat(out).hasSize(3 * 16);
        float[] expected = new float[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = values[i];
        }
        assertThat(channel(out, 0, 4)).containsExactly(expected);
        assertThat(channel(out, 1, 4)).containsExactly(expected);
        assertThat(channel(out, 2, 4)).containsExactly(expected);
    }

    @Test
    void sixteenBitGrayIsScaledOntoZeroTo255() throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(0, 0, 0, 0);
        img.getRaster().setSample(1, 0, 0, 65535);
        img.getRaster().setSample(0, 1, 0, 25700);   // 100 * 257: exactly 100 on the 8-bit scale
        img.getRaster().setSample(1, 1, 0, 32768);   // 32768 * 255 / 65535 = 127.50195
        Path file = writePng("gray16.png", img);

        float[] out = new ImagePreprocessor(2).load(file);

        assertThat(channel(out, 0, 2)).containsExactly(new float[] {0f, 255f, 100f, 127.50195f}, within(1e-4f));
        assertThat(channel(out, 2, 2)).containsExactly(channel(out, 0, 2));
    }

    @Test
    void colourImageKeepsItsRgbChannelsInOrder() throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x0A141E);  // (10, 20, 30)
        img.setRGB(1, 0, 0xFF0000);
        img.setRGB(0, 1, 0x00FF00);
        img.setRGB(1, 1, 0x0000FF);
        Path file = writePng("rgb.png", img);

        float[] out = new ImagePreprocessor(2).load(file);

        assertThat(channel(out, 0, 2)).containsExactly(10f, 255f, 0f, 0f);
        assertThat(channel(out, 1, 2)).containsExactly(20f, 0f, 255f, 0f);
        assertThat(channel(out, 2, 2)).containsExactly(30f, 0f, 0f, 255f);
    }

    /**
     * 2x2 to 4x4, TensorFlow's half-pixel-centre rule: output pixel o maps to source coordinate
     * (o + 0.5) * scale - 0.5 with scale = 2 / 4 = 0.5, i.e. -0.25, 0.25, 0.75, 1.25; clamped to the edge pixels,
     * the weights of the second source pixel are 0, 0.25, 0.75, 1. So a pair (p, q) becomes
     * (p, 0.75p + 0.25q, 0.25p + 0.75q, q). Source [[0, 40], [80, 200]]:
     * <pre>
     *   rows first:  top    [0, 40]    -> [0, 10, 30, 40]
     *                bottom [80, 200]  -> [80, 110, 170, 200]
     *   then columns: row 1 = 0.75 top + 0.25 bottom = [20, 35, 65, 80]
     *                 row 2 = 0.25 top + 0.75 bottom = [60, 85, 135, 160]
     * </pre>
     */
    @Test
    void bilinearUpscaleUsesHalfPixelCentres() {
        float[] out = new ImagePreprocessor(4).toRgbPlanes(gray8(2, 2, 0, 40, 80, 200));

        assertThat(channel(out, 0, 4)).containsExactly(new float[] {
            0, 10, 30, 40,
            20, 35, 65, 80,
            60, 85, 135, 160,
            80, 110, 170, 200}, within(1e-4f));
    }

    /**
     * 6x2 to 2x2: horizontally scale = 3, so outputs sample source x = 0.5 * 3 - 0.5 = 1 and 1.5 * 3 - 0.5 = 4,
     * exactly on pixels 1 and 4; vertically scale = 1, rows map to themselves. Without antialiasing the
     * neighbours of those pixels do not count: row [0, 90, 0, 0, 60, 0] gives [90, 60] (an area average would
     * give [30, 20]); row [30, 30, 30, 200, 200, 200] gives [30, 200].
     */
    @Test
    void bilinearDownscaleSamplesWithoutAntialiasing() {
        float[] out = new ImagePreprocessor(2).toRgbPlanes(gray8(6, 2,
                0, 90, 0, 0, 60, 0,
                30, 30, 30, 200, 200, 200));

        assertThat(channel(out, 0, 2)).containsExactly(new float[] {90, 60, 30, 200}, within(1e-4f));
    }

    /**
     * 3x3 to 2x2: scale = 1.5, source coordinates 0.25 and 1.75. Source [[0, 30, 60], [90, 120, 150],
     * [180, 210, 240]] is linear, v = 30x + 90y, so bilinear interpolation reproduces it exactly:
     * (0.25, 0.25) -> 30, (1.75, 0.25) -> 75, (0.25, 1.75) -> 165, (1.75, 1.75) -> 210.
     */
    @Test
    void bilinearNonIntegerScaleInterpolatesBetweenPixels() {
        float[] out = new ImagePreprocessor(2).toRgbPlanes(gray8(3, 3, 0, 30, 60, 90, 120, 150, 180, 210, 240));

        assertThat(channel(out, 0, 2)).containsExactly(new float[] {30, 75, 165, 210}, within(1e-4f));
    }

    @Test
    void resizeToTheSameSizeIsTheIdentity() {
        SplittableRandom rng = new SplittableRandom(3);
        int[] values = rng.ints(25, 0, 256).toArray();

        float[] out = new ImagePreprocessor(5).toRgbPlanes(gray8(5, 5, values));

        float[] expected = new float[25];
        for (int i = 0; i < 25; i++) {
            expected[i] = values[i];
        }
        assertThat(channel(out, 0, 5)).containsExactly(expected);
    }

    @Test
    void textFileNamedPngFailsNamingTheFile() throws IOException {
        Path file = dir.resolve("BI-RADS 1").resolve("not-really.png");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "this is a text file, not a PNG\n");

        assertThatThrownBy(() -> new ImagePreprocessor(8).load(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
    }

    @Test
    void truncatedPngFailsNamingTheFile() throws IOException {
        SplittableRandom rng = new SplittableRandom(11);
        BufferedImage noise = gray8(64, 64, rng.ints(64 * 64, 0, 256).toArray());
        Path file = writePng("truncated.png", noise);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> new ImagePreprocessor(8).load(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
    }

    @Test
    void onePixelImageIsRejectedNamingTheFile() throws IOException {
        Path file = writePng("dot.png", gray8(1, 1, 128));

        assertThatThrownBy(() -> new ImagePreprocessor(8).load(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("1x1");
    }

    @Test
    void singleRowImageIsRejected() throws IOException {
        Path file = writePng("row.png", gray8(7, 1, 1, 2, 3, 4, 5, 6, 7));

        assertThatThrownBy(() -> new ImagePreprocessor(8).load(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("7x1");
    }

    @Test
    void nonPositiveSizeIsRejected() {
        assertThatThrownBy(() -> new ImagePreprocessor(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
