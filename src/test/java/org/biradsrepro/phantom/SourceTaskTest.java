package org.biradsrepro.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The source task of the fixture weights: deterministic, balanced, and sharing no image with the fixtures. */
class SourceTaskTest {

    // The pretraining recipe renders 175 images per kind (150 training, 25 held out); check a few more.
    private static final int PER_KIND = 200;

    @Test
    void sameKindAndIndexGiveTheSamePixels() {
        for (SourceTask.Kind kind : SourceTask.KINDS) {
            assertThat(pixels(SourceTask.render(kind, 7))).as(kind.id()).isEqualTo(pixels(SourceTask.render(kind, 7)));
        }
    }

    @Test
    void imagesHaveTheFixtureSizeAndDepth() {
        BufferedImage image = SourceTask.render(SourceTask.Kind.SPICULATED_MASS, 0);
        PhantomSpec fixture = PhantomSpec.fixture();
        assertThat(image.getWidth()).isEqualTo(fixture.width());
        assertThat(image.getHeight()).isEqualTo(fixture.height());
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(SourceTask.SEED).isNotEqualTo(PhantomSpec.FIXTURE_SEED);
    }

    @Test
    void everyKindDrawsItsFindingAndKindsDiffer() {
        // The finding (or defect) is what sets the label: with the same breast drawn, the image must change.
        for (SourceTask.Kind kind : SourceTask.KINDS) {
            if (kind != SourceTask.Kind.NONE) {
                for (int i = 0; i < 5; i++) {
                    assertThat(SourceTask.intensities(kind, i)).as("%s %d", kind.id(), i)
                            .isNotEqualTo(SourceTask.intensities(kind, i, false));
                }
            }
        }
    }

    @Test
    void noSourceImageRepeatsAnotherOrAnyFixtureImage() throws IOException {
        Set<String> fixture = new HashSet<>();
        Path dir = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")))
                .resolve(PhantomGenerator.FIXTURE_DIR);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".png")).toList()) {
                fixture.add(digest(pixels(ImageIO.read(p.toFile()))));
            }
        }
        assertThat(fixture).hasSize(PhantomSpec.fixture().total());
        List<SourceTask.Kind> kinds = SourceTask.KINDS;
        String[] digests = IntStream.range(0, kinds.size() * PER_KIND).parallel()
                .mapToObj(i -> digest(pixels(SourceTask.render(kinds.get(i % kinds.size()), i / kinds.size()))))
                .toArray(String[]::new);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < digests.length; i++) {
            assertThat(fixture).as("source image %d equals a fixture image", i).doesNotContain(digests[i]);
            Integer before = seen.put(digests[i], i);
            assertThat(before).as("source images %s and %d are identical", before, i).isNull();
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }

    private static String digest(int[] pixels) {
        try {
            ByteBuffer b = ByteBuffer.allocate(pixels.length);
            for (int p : pixels) {
                b.put((byte) p);
            }
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
