package org.biradsrepro.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed fixture PNGs are exactly what the generator draws for {@link PhantomSpec#fixture()}. */
class PhantomFixtureTest {

    private static final String STALE = "The committed fixtures under " + PhantomGenerator.FIXTURE_DIR
            + " differ from the generator; regenerate them with " + PhantomGenerator.REGENERATE_COMMAND
            + " and commit the result. ";

    @TempDir
    static Path regenerated;

    private static Path committed;
    private static List<Path> written;

    @BeforeAll
    static void regenerate() {
        Path projectDir = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")));
        committed = projectDir.resolve(PhantomGenerator.FIXTURE_DIR);
        written = PhantomGenerator.writeDataset(PhantomSpec.fixture(), regenerated);
    }

    @Test
    void committedAndGeneratedFilesAreTheSameSet() throws IOException {
        assertThat(committed).as("fixture folder (repro.projectDir=%s)", System.getProperty("repro.projectDir"))
                .isDirectory();
        TreeSet<String> mine = relativeFiles(committed);
        TreeSet<String> generated = relativeFiles(regenerated);
        TreeSet<String> extra = new TreeSet<>(mine);
        extra.removeAll(generated);
        TreeSet<String> missing = new TreeSet<>(generated);
        missing.removeAll(mine);
        assertThat(extra).as(STALE + "Committed files the generator does not produce").isEmpty();
        assertThat(missing).as(STALE + "Generated files that are not committed").isEmpty();
    }

    @Test
    void everyCommittedPngHasTheGeneratedPixels() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (Path file : written) {
            String name = regenerated.relativize(file).toString().replace('\\', '/');
            Path mine = committed.resolve(name);
            if (!Files.isRegularFile(mine) || !Arrays.equals(pixels(mine), pixels(file))) {
                mismatches.add(name);
            }
        }
        assertThat(mismatches).as(STALE + "Images whose pixels differ or are missing").isEmpty();
    }

    @Test
    void readmeMatchesTheGenerator() throws IOException {
        assertThat(Files.readString(committed.resolve("README.md"), StandardCharsets.UTF_8)).as(STALE + "README.md")
                .isEqualTo(PhantomGenerator.readme(PhantomSpec.fixture()));
    }

    @Test
    void classFoldersHoldThePaperCountsDividedByEight() throws IOException {
        Map<String, Integer> perFolder = new TreeMap<>();
        for (String name : relativeFiles(committed)) {
            if (name.endsWith(".png")) {
                perFolder.merge(name.substring(0, name.indexOf('/')), 1, Integer::sum);
            }
        }
        assertThat(perFolder).containsExactly(
                Map.entry("BI-RADS 0", 28), Map.entry("BI-RADS 1", 233), Map.entry("BI-RADS 2", 35),
                Map.entry("BI-RADS 3", 48), Map.entry("BI-RADS 4", 13), Map.entry("BI-RADS 5", 3));
        assertThat(written).hasSize(360);
    }

    @Test
    void committedImagesAreEightBitGrayOfTheFixtureSize() throws IOException {
        for (Path file : written) {
            BufferedImage image = ImageIO.read(committed.resolve(regenerated.relativize(file).toString()).toFile());
            assertThat(image).as(file.getFileName().toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(128);
            assertThat(image.getHeight()).isEqualTo(160);
            assertThat(image.getRaster().getNumBands()).isEqualTo(1);
            assertThat(image.getSampleModel().getSampleSize(0)).isEqualTo(8);
        }
    }

    /** Decoded samples plus the size, so images of different shapes never compare equal. */
    private static int[] pixels(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null || image.getRaster().getNumBands() != 1) {
            return new int[] {-1};
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] samples = image.getRaster().getPixels(0, 0, w, h, new int[w * h + 2]);
        samples[w * h] = w;
        samples[w * h + 1] = h;
        return samples;
    }

    private static TreeSet<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            TreeSet<String> names = new TreeSet<>();
            files.filter(Files::isRegularFile)
                    .forEach(f -> names.add(root.relativize(f).toString().replace('\\', '/')));
            return names;
        }
    }
}
