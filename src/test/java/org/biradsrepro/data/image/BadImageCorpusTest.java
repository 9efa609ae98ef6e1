package org.biradsrepro.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.biradsrepro.data.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code fixtures/bad-images} either decodes to the pixels its format's rules give, or fails with a
 * {@link DatasetException} that names the file and says what is wrong; never another exception. Expected pixels
 * are worked out here from the samples the corpus was written with and the formats' published rules (PNG/TIFF:
 * v * 255 / (2^bits - 1); PGM: v * 255 / maxval; DICOM: PS3.3 C.11), not taken from the decoder.
 */
class BadImageCorpusTest {

    private static final Path DIR = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")))
            .resolve("fixtures/bad-images");
    /** The corpus images are 4x4 and decoded at 4x4, where the resize is the identity. */
    private static final int SIZE = 4;

    @TempDir
    Path tmp;

    /** An error outcome: fragments the message must contain besides the file's path. */
    private static Arguments fails(String file, String... fragments) {
        return Arguments.of(file, null, fragments);
    }

    /** A decoded outcome: the expected 0..255 value of each of the 16 pixels, per channel (1 = gray). */
    private static Arguments decodes(String file, double[]... channels) {
        return Arguments.of(file, channels, null);
    }

    private static double[] each(int[] samples, IntToDoubleFunction rule) {
        return Arrays.stream(samples).mapToDouble(rule).toArray();
    }

    /** PS3.3 C.11.2.1.2.1, the default linear VOI function, onto 0..255. */
    private static double windowLinear(double x, double c, double w) {
        if (x <= c - 0.5 - (w - 1) / 2) {
            return 0;
        }
        if (x > c - 0.5 + (w - 1) / 2) {
            return 255;
        }
        return ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
    }

    static Stream<Arguments> corpus() {
        double lo = -32768 * 2.0 - 100;
        double hi = 32767 * 2.0 - 100;
        return Stream.of(
                fails("truncated.png", "PNG data is truncated or corrupt"),
                fails("truncated.jpg", "JPEG data is truncated or corrupt"),
                fails("zero-bytes.png", "empty (0 bytes)"),
                fails("text-named.png", "not an image format", "\"This is \""),
                fails("cmyk.jpg", "4 colour components", "CMYK", "convert in.jpg -colorspace Gray out.png"),
                fails("one-pixel.png", "1x1 pixels"),
                fails("huge-declared.png", "100000x100000", "repro.maxImagePixels", "refused before decoding"),
                fails("jpeg2000.dcm", "1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)",
                        "gdcmconv --raw"),
                fails("truncated.dcm", "DICOM pixel data is truncated"),
                decodes("palette.png",
                        each(BadImageCorpus.GRAY8, i -> BadImageCorpus.PALETTE[pixel(i) % 4][0]),
                        each(BadImageCorpus.GRAY8, i -> BadImageCorpus.PALETTE[pixel(i) % 4][1]),
                        each(BadImageCorpus.GRAY8, i -> BadImageCorpus.PALETTE[pixel(i) % 4][2])),
                // colour kept, alpha dropped (not composited onto a background)
                decodes("alpha.png",
                        each(BadImageCorpus.GRAY8, i -> 16 * pixel(i)),
                        each(BadImageCorpus.GRAY8, i -> 255 - 16 * pixel(i)),
                        each(BadImageCorpus.GRAY8, i -> 7)),
                // a JPEG named .png: the content decides; a flat 8x8 block survives JPEG exactly, resized 8 -> 4
                decodes("gray8-jpeg-named.png", each(BadImageCorpus.GRAY8, v -> 100)),
                decodes("gray16.png", each(BadImageCorpus.GRAY16, v -> v * 255.0 / 65535)),
                decodes("gray16.tif", each(BadImageCorpus.GRAY16, v -> v * 255.0 / 65535)),
                decodes("gray16.pgm", each(BadImageCorpus.GRAY16, v -> v * 255.0 / 65535)),
                // 12 bits stored: garbage in the high bits is masked; the first window pair (2048, 1024) applies
                decodes("mono2-explicit-12bit-window.dcm",
                        each(BadImageCorpus.DICOM12, v -> windowLinear(v & 0x0FFF, 2048, 1024))),
                // signed, slope 2, intercept -100, no window: the full modality range; MONOCHROME1 inverted
                decodes("mono1-implicit-signed-rescale.dcm",
                        each(BadImageCorpus.DICOM_SIGNED, v -> 255 - (v * 2.0 - 100 - lo) / (hi - lo) * 255)));
    }

    /** GRAY8[i] = 17 i, so the index comes back from the sample. */
    private static int pixel(int gray8Sample) {
        return gray8Sample / 17;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachFileDecodesCorrectlyOrFailsNamingItself(String name, double[][] channels, String[] fragments) {
        Path file = DIR.resolve(name);
        ImagePreprocessor pre = new ImagePreprocessor(SIZE);
        if (channels == null) {
            assertThatThrownBy(() -> pre.load(file))
                    .isExactlyInstanceOf(DatasetException.class)
                    .hasMessageContaining(file.toAbsolutePath().toString())
                    .hasMessageContainingAll(fragments);
            return;
        }
        float[] out = pre.load(file);
        assertThat(out).hasSize(ImagePreprocessor.CHANNELS * SIZE * SIZE);
        for (int c = 0; c < ImagePreprocessor.CHANNELS; c++) {
            double[] expected = channels[channels.length == 1 ? 0 : c];
            float[] actual = Arrays.copyOfRange(out, c * SIZE * SIZE, (c + 1) * SIZE * SIZE);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).as("%s channel %d pixel %d", name, c, i)
                        .isCloseTo(expected[i], within(1e-4));
            }
        }
    }

    @Test
    void everyCorpusFileHasAnExpectedOutcome() throws IOException {
        TreeSet<String> listed = new TreeSet<>(corpus().map(a -> (String) a.get()[0]).toList());
        try (Stream<Path> s = Files.list(DIR)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md")))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    @Test
    void committedCorpusIsExactlyWhatTheGeneratorWrites() throws IOException {
        for (Map.Entry<String, byte[]> e : BadImageCorpus.files().entrySet()) {
            assertThat(Files.readAllBytes(DIR.resolve(e.getKey())))
                    .as("%s differs from BadImageCorpus; regenerate with its main() and commit", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    /**
     * Permissions 000 cannot live in git, so the file is made here. Root reads it anyway (the JVM asks the
     * kernel, which lets root through): then it must decode like its readable twin.
     */
    @Test
    void unreadableFileFailsNamingItOrDecodesWhereTheUserCanReadAnything() throws IOException {
        Path file = Files.copy(DIR.resolve("gray16.png"), tmp.resolve("unreadable.png"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        ImagePreprocessor pre = new ImagePreprocessor(SIZE);
        if (Files.isReadable(file)) {
            assertThat(pre.load(file)).containsExactly(pre.load(DIR.resolve("gray16.png")));
        } else {
            assertThatThrownBy(() -> pre.load(file))
                    .isExactlyInstanceOf(DatasetException.class)
                    .hasMessageContainingAll(file.toAbsolutePath().toString(), "permission denied");
        }
    }

    @Test
    void aLowerPixelLimitRefusesAnOrdinaryImageBeforeDecoding() {
        Path file = DIR.resolve("gray16.png");
        assertThatThrownBy(() -> new ImagePreprocessor(SIZE, 15).load(file))
                .isExactlyInstanceOf(DatasetException.class)
                .hasMessageContainingAll(file.toAbsolutePath().toString(), "4x4 = 16 pixels", "repro.maxImagePixels=15");
    }

    @Test
    void formatComesFromTheContentNotTheName() {
        assertThat(List.of("gray8-jpeg-named.png", "gray16.pgm", "gray16.tif", "jpeg2000.dcm", "palette.png"))
                .extracting(n -> ImageDecoder.sniff(DIR.resolve(n)))
                .containsExactly(ImageFormat.JPEG, ImageFormat.PNM, ImageFormat.TIFF, ImageFormat.DICOM,
                        ImageFormat.PNG);
    }
}
