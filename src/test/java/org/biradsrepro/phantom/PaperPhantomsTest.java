package org.biradsrepro.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.layout.DatasetScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper-sized set: the paper's counts, mammogram-like size, the same bytes for the same seed. Cheap: a few images. */
class PaperPhantomsTest {

    private static final PhantomSpec PAPER = PhantomSpec.paperDrawing();

    @Test
    void hasThePapersExactCountsAndALongSideOfAtLeast1024() {
        assertThat(PAPER.countsByClass()).containsExactly(Map.entry(0, 225), Map.entry(1, 1865), Map.entry(2, 278),
                Map.entry(3, 387), Map.entry(4, 102), Map.entry(5, 24));
        assertThat(PAPER.total()).isEqualTo(2881);
        assertThat(Math.max(PaperPhantoms.width(PAPER), PaperPhantoms.height(PAPER))).isGreaterThanOrEqualTo(1024);
        BufferedImage image = PaperPhantoms.render(PAPER, 4, 0);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(1280);
    }

    @Test
    void magnifyingKeepsAConstantAndALinearRampAndIsTheIdentityAtOne() {
        double[] flat = new double[3 * 2];
        java.util.Arrays.fill(flat, 0.37);
        for (double v : PaperPhantoms.magnify(flat, 3, 2, 4)) {
            assertThat(v).isEqualTo(0.37);
        }
        // A ramp 0, 1, 2 along x: between the outer pixel centres a bilinear magnification is the ramp itself,
        // sampled at (x + 0.5) / m - 0.5; beyond them the edge value repeats.
        double[] ramp = {0, 1, 2};
        double[] big = PaperPhantoms.magnify(ramp, 3, 1, 4);
        for (int x = 0; x < 12; x++) {
            double expected = Math.max(0, Math.min(2, (x + 0.5) / 4 - 0.5));
            assertThat(big[x]).as("x=" + x).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
        double[] odd = {0.1, 0.9, 0.4, 0.3};
        assertThat(PaperPhantoms.magnify(odd, 2, 2, 1)).containsExactly(odd);
    }

    @Test
    void theMagnifiedImageFollowsItsDrawing() {
        // Each 4x4 block averages to about its drawing pixel (grain and interpolation only blur it).
        int[] drawn = PhantomGeneratorTest.pixels(PhantomGenerator.render(PAPER, 2, 5));
        int[] big = PhantomGeneratorTest.pixels(PaperPhantoms.render(PAPER, 2, 5));
        int w = PAPER.width();
        int off = 0;
        int n = 0;
        for (int y = 1; y < PAPER.height() - 1; y += 7) {
            for (int x = 1; x < w - 1; x += 7) {
                double sum = 0;
                for (int dy = 0; dy < 4; dy++) {
                    for (int dx = 0; dx < 4; dx++) {
                        sum += big[(4 * y + dy) * 4 * w + 4 * x + dx];
                    }
                }
                off += Math.abs(sum / 16 - drawn[y * w + x]) > 12 ? 1 : 0;
                n++;
            }
        }
        assertThat(off).as("blocks far from their drawing pixel, of " + n).isLessThan(n / 20);
    }

    @Test
    void sameSeedGivesTheSameBytesInAnyOrderAndTheScannerReadsTheSet(@TempDir Path root) throws IOException {
        PhantomSpec few = new PhantomSpec(PAPER.seed(), PAPER.width(), PAPER.height(), Map.of(3, 2, 5, 1));
        List<Path> first = PaperPhantoms.write(few, root.resolve("a"), n -> {});
        List<Path> second = PaperPhantoms.write(few, root.resolve("b"), n -> {});

        assertThat(first).hasSize(3);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i))).as(second.get(i).toString()).isEqualTo(Files.readAllBytes(first.get(i)));
        }
        // Two images of the set, written on their own, are those of the whole set: nothing depends on the others.
        PaperPhantoms.writeJpeg(PaperPhantoms.render(few, 3, 1), root.resolve("alone.jpg"));
        assertThat(Files.readAllBytes(root.resolve("alone.jpg"))).isEqualTo(Files.readAllBytes(root.resolve("a/BI-RADS 3/birads3-0001.jpg")));
        assertThat(Files.readAllBytes(first.get(0))).isNotEqualTo(Files.readAllBytes(first.get(1)));
        assertThat(Files.readString(root.resolve("a").resolve(PaperPhantoms.COMPLETE_MARKER))).contains("| images | 3 |", "1024 x 1280");
        try (var files = Files.walk(root.resolve("a"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".partial")).toList()).isEmpty();
        }

        BufferedImage decoded = ImageIO.read(first.get(0).toFile());
        assertThat(decoded.getWidth()).isEqualTo(1024);
        assertThat(decoded.getRaster().getNumBands()).isEqualTo(1);
        Dataset scanned = DatasetScanner.scan(root.resolve("a"));
        assertThat(scanned.classCounts()).containsExactly(0, 0, 0, 2, 0, 1);
        List<String> ids = new ArrayList<>(scanned.images().stream().map(i -> i.id()).toList());
        assertThat(ids).allMatch(id -> id.endsWith(".jpg"));
    }
}
