package org.biradsrepro.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decode cache serves a second load without decoding, and never serves a stale or damaged entry. */
class DecodeCacheTest {

    private static final Path CORPUS = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")))
            .resolve("fixtures/bad-images");

    @TempDir
    Path tmp;

    private Path image;
    private DecodeCache cache;

    @BeforeEach
    void setUp() throws IOException {
        image = Files.copy(CORPUS.resolve("gray16.png"), tmp.resolve("image.png"));
        cache = new DecodeCache(tmp.resolve("cache"));
    }

    @Test
    void secondLoadIsServedWithoutDecodingAndEqualsTheDecodedImage() {
        ImagePreprocessor pre = new ImagePreprocessor(3);
        float[] first = cache.load(image, pre);
        float[] second = cache.load(image, pre);

        assertThat(pre.decodes()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(second).containsExactly(first).containsExactly(new ImagePreprocessor(3).load(image));
    }

    @Test
    void aCacheOpenedLaterInAnotherRunServesTheSameEntry() {
        cache.load(image, new ImagePreprocessor(3));
        ImagePreprocessor nextRun = new ImagePreprocessor(3);
        new DecodeCache(tmp.resolve("cache")).load(image, nextRun);
        assertThat(nextRun.decodes()).isZero();
    }

    /** Through the TIFF (stored uncompressed here, so one changed byte is one changed sample). */
    @Test
    void aChangedByteIsDecodedAgain() throws IOException {
        Path tiff = Files.copy(CORPUS.resolve("gray16.tif"), tmp.resolve("image.tif"));
        ImagePreprocessor pre = new ImagePreprocessor(4);
        float[] before = cache.load(tiff, pre);
        byte[] bytes = Files.readAllBytes(tiff);
        int lastSample = indexOf(bytes, bigEndian(BadImageCorpus.GRAY16)) + 2 * 15;
        bytes[lastSample + 1] ^= 0x01; // 65535 -> 65534
        Files.write(tiff, bytes);

        float[] after = cache.load(tiff, pre);

        assertThat(pre.decodes()).isEqualTo(2);
        assertThat(after).isNotEqualTo(before).containsExactly(new ImagePreprocessor(4).load(tiff));
        assertThat(after[15]).isEqualTo((float) (65534 * 255.0 / 65535));
    }

    private static byte[] bigEndian(int[] samples) {
        byte[] b = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) (samples[i] >> 8);
            b[2 * i + 1] = (byte) samples[i];
        }
        return b;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("the samples are not stored uncompressed in the TIFF");
    }

    @Test
    void rawFormatsAreDecodedEachTimeWithoutCacheEntries() throws IOException {
        ImagePreprocessor pre = new ImagePreprocessor(4);
        Path dicom = CORPUS.resolve("mono2-explicit-12bit-window.dcm");
        assertThat(cache.load(dicom, pre)).containsExactly(cache.load(dicom, pre));
        cache.load(CORPUS.resolve("gray16.pgm"), pre);
        assertThat(pre.decodes()).isEqualTo(3);
        try (Stream<Path> s = Files.list(cache.dir())) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void aChangedSizeIsAnotherEntry() {
        ImagePreprocessor small = new ImagePreprocessor(3);
        ImagePreprocessor large = new ImagePreprocessor(5);
        cache.load(image, small);
        float[] resized = cache.load(image, large);

        assertThat(large.decodes()).isEqualTo(1);
        assertThat(resized).hasSize(3 * 5 * 5);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void aCorruptedEntryIsDetectedAndRecomputed() throws IOException {
        ImagePreprocessor pre = new ImagePreprocessor(3);
        float[] good = cache.load(image, pre);
        Path entry = onlyEntry();
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 20] ^= 0x40; // inside the float values
        Files.write(entry, bytes);

        float[] again = cache.load(image, pre);

        assertThat(cache.corruptEntries()).isEqualTo(1);
        assertThat(pre.decodes()).isEqualTo(2);
        assertThat(again).containsExactly(good);
        assertThat(cache.load(image, pre)).containsExactly(good);
        assertThat(cache.hits()).as("the rewritten entry is intact").isEqualTo(1);
    }

    @Test
    void aTruncatedEntryIsDetectedAndRecomputed() throws IOException {
        ImagePreprocessor pre = new ImagePreprocessor(3);
        float[] good = cache.load(image, pre);
        Path entry = onlyEntry();
        Files.write(entry, Arrays.copyOf(Files.readAllBytes(entry), 30));

        assertThat(cache.load(image, pre)).containsExactly(good);
        assertThat(cache.corruptEntries()).isEqualTo(1);
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws IOException {
        cache.load(image, new ImagePreprocessor(3));
        cache.load(image, new ImagePreprocessor(4));
        try (Stream<Path> s = Files.list(cache.dir())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).hasSize(2).allMatch(n -> n.endsWith(".f32"));
        }
    }

    private Path onlyEntry() throws IOException {
        try (Stream<Path> s = Files.list(cache.dir())) {
            List<Path> entries = s.toList();
            assertThat(entries).hasSize(1);
            return entries.get(0);
        }
    }
}
