package org.biradsrepro.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.biradsrepro.data.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PGM/PPM through TwelveMonkeys' ImageIO plugin, beyond the corpus' 16-bit PGM: expected values from Netpbm's rule
 * (v * 255 / maxval), not from the decoder; the size check before decoding; what is refused and how.
 */
class PnmDecodingTest {

    @TempDir
    Path dir;

    private Path write(String name, String header, int[] samples, int bytesPerSample) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int v : samples) {
            if (bytesPerSample == 2) {
                out.write(v >> 8);
            }
            out.write(v);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    @Test
    void eightBitPpmKeepsItsChannels() throws IOException {
        int[] rgb = {0, 10, 20, 30, 40, 50, 60, 70, 80, 250, 251, 255};
        DecodedImage image = ImageDecoder.decode(write("c.ppm", "P6\n2 2\n255\n", rgb, 1), Long.MAX_VALUE);

        assertThat(image.channels()).hasSize(3);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 4; i++) {
                assertThat(image.channels().get(c).at(i)).as("channel %d pixel %d", c, i).isEqualTo(rgb[i * 3 + c]);
            }
        }
    }

    @Test
    void twelveBitPgmMapsByMaxvalWithinTheSixteenBitRounding() throws IOException {
        int[] v = {0, 1, 2048, 4095};
        DecodedImage image = ImageDecoder.decode(write("g12.pgm", "P5\n2 2\n4095\n", v, 2), Long.MAX_VALUE);

        for (int i = 0; i < 4; i++) {
            assertThat((double) image.channels().get(0).at(i)).isCloseTo(v[i] * 255.0 / 4095, within(255.0 / 65535));
        }
    }

    @Test
    void aDeclaredSizeBeyondTheLimitIsRefusedBeforeDecoding() throws IOException {
        Path bomb = write("bomb.pgm", "P5\n100000 100000\n255\n", new int[0], 1);

        assertThatThrownBy(() -> ImageDecoder.decode(bomb, ImageDecoder.DEFAULT_MAX_PIXELS))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("bomb.pgm")
                .hasMessageContaining("declares 100000x100000")
                .hasMessageContaining("refused before decoding");
    }

    @Test
    void truncatedPixelDataIsAnErrorNamingTheFile() throws IOException {
        Path cut = write("cut.pgm", "P5\n4 4\n65535\n", new int[] {1, 2, 3}, 2);

        assertThatThrownBy(() -> ImageDecoder.decode(cut, Long.MAX_VALUE))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("cut.pgm")
                .hasMessageContaining("PGM/PPM data is truncated or corrupt");
    }

    @Test
    void asciiAndBitmapVariantsAreRefusedWithAConversion() throws IOException {
        Path ascii = dir.resolve("a.pgm");
        Files.writeString(ascii, "P2\n2 2\n255\n1 2 3 4\n");

        assertThatThrownBy(() -> ImageDecoder.decode(ascii, Long.MAX_VALUE))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Netpbm variant P2 is not supported")
                .hasMessageContaining("pamtopnm");
    }
}
