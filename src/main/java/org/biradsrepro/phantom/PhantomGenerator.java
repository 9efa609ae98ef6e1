package org.biradsrepro.phantom;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws synthetic mammogram-like phantoms, one BI-RADS class at a time, and writes the fixture dataset.
 *
 * <p>Every image depends only on (spec seed, class, index) and the image size, never on which other images were
 * drawn before it, and its pixels are the same on every JVM and operating system.
 */
public final class PhantomGenerator {

    /** The command that regenerates the committed fixtures (wired in the CLI). */
    public static final String REGENERATE_COMMAND = "./mvnw -q exec:java -Dexec.args=\"generate-fixtures\"";

    /** Where the fixture set lives, relative to the project root. */
    public static final String FIXTURE_DIR = "fixtures/birads-phantoms";

    // Separate streams, so that switching a finding off leaves the breast it would have been drawn on unchanged.
    private static final long ANATOMY_STREAM = 1;
    private static final long FINDING_STREAM = 2;

    private static final String[] CLASS_DESCRIPTIONS = {
        "technically inadequate: breast truncated by the border, heavily blurred, or under-exposed",
        "negative: textured breast, no finding",
        "benign: round circumscribed mass, or coarse popcorn calcifications",
        "probably benign: small oval circumscribed mass",
        "suspicious: irregular mass with indistinct margins, or a cluster of fine microcalcifications",
        "highly suggestive of malignancy: spiculated mass",
    };

    private PhantomGenerator() {
    }

    /**
     * One phantom of class {@code birads} (0..5) as an 8-bit grayscale image of the spec's size.
     *
     * @param index which image of that class, from 0; any index is allowed, not only those below the count
     */
    public static BufferedImage render(PhantomSpec spec, int birads, int index) {
        return render(spec, birads, index, true);
    }

    /**
     * Writes every image of the spec to {@code root/BI-RADS <k>/birads<k>-<index>.png} (index with 4 digits) and
     * a README.md describing the set, creating folders and overwriting files. Files the spec does not produce are
     * left alone.
     *
     * @return the written PNGs, by class and then index
     * @throws UncheckedIOException if a folder or file cannot be written
     */
    public static List<Path> writeDataset(PhantomSpec spec, Path root) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(root);
            for (int birads = PhantomSpec.MIN_CLASS; birads <= PhantomSpec.MAX_CLASS; birads++) {
                if (spec.count(birads) > 0) {
                    Files.createDirectories(root.resolve(folderName(birads)));
                }
                for (int index = 0; index < spec.count(birads); index++) {
                    Path file = root.resolve(relativePath(birads, index));
                    writePng(render(spec, birads, index), file);
                    written.add(file);
                }
            }
            Files.writeString(root.resolve("README.md"), readme(spec), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the phantom dataset to " + root.toAbsolutePath(), e);
        }
        return List.copyOf(written);
    }

    /** The drawing's intensities in [0, 1] before quantisation, row by row: what {@link PaperPhantoms} magnifies. */
    static double[] intensities(PhantomSpec spec, int birads, int index) {
        return intensities(spec, birads, index, true);
    }

    /** Test hook: the same breast with ({@code true}) or without its finding or BI-RADS 0 defect. */
    static BufferedImage render(PhantomSpec spec, int birads, int index, boolean withFinding) {
        return toImage(intensities(spec, birads, index, withFinding), spec.width(), spec.height());
    }

    /** Which defect a BI-RADS 0 image of this index shows. */
    static Defect defectOf(PhantomSpec spec, int index) {
        return Defect.pick(stream(spec, 0, index, FINDING_STREAM));
    }

    static double[] intensities(PhantomSpec spec, int birads, int index, boolean withFinding) {
        if (birads < PhantomSpec.MIN_CLASS || birads > PhantomSpec.MAX_CLASS) {
            throw new IllegalArgumentException("BI-RADS class must be in 0..5, was " + birads);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        int width = spec.width();
        int height = spec.height();
        Breast breast = Breast.random(stream(spec, birads, index, ANATOMY_STREAM), width, height);
        SeededRandom findings = stream(spec, birads, index, FINDING_STREAM);
        if (birads == 0 && withFinding) {
            return defective(breast, findings, width, height);
        }
        Anatomy anatomy = Anatomy.render(breast, width, height);
        if (withFinding) {
            Findings.add(birads, findings, anatomy);
        }
        return anatomy.intensity;
    }

    /** A BI-RADS 0 image: the breast spoilt by a defect drawn from {@code rng}. */
    static double[] defective(Breast breast, SeededRandom rng, int width, int height) {
        Defect defect = Defect.pick(rng);
        if (defect == Defect.TRUNCATED) {
            return Anatomy.render(Defect.truncate(breast, rng, height), width, height).intensity;
        }
        double[] pixels = Anatomy.render(breast, width, height).intensity;
        if (defect == Defect.BLURRED) {
            return Defect.blur(pixels, width, height, rng);
        }
        Defect.underexpose(pixels, rng);
        return pixels;
    }

    private static SeededRandom stream(PhantomSpec spec, int birads, int index, long purpose) {
        return new SeededRandom(SeededRandom.derive(spec.seed(), birads, index, purpose));
    }

    static BufferedImage toImage(double[] intensity, int width, int height) {
        int[] gray = new int[intensity.length];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = quantise(intensity[i]);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, width, height, gray);
        return image;
    }

    /** Clamp to [0, 1], scale to 0..255 and round half up; NaN (never expected) maps to black. */
    static int quantise(double intensity) {
        if (!(intensity > 0)) {
            return 0;
        }
        if (intensity >= 1) {
            return 255;
        }
        return (int) StrictMath.floor(intensity * 255.0 + 0.5);
    }

    static String folderName(int birads) {
        return "BI-RADS " + birads;
    }

    /** {@code BI-RADS <k>/birads<k>-<index>.png} with '/' as separator, relative to the dataset root. */
    static String relativePath(int birads, int index) {
        return folderName(birads) + "/" + String.format(Locale.ROOT, "birads%d-%04d.png", birads, index);
    }

    private static void writePng(BufferedImage image, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("No PNG writer available for " + file);
            }
        }
    }

    static String readme(PhantomSpec spec) {
        StringBuilder s = new StringBuilder();
        s.append("# BI-RADS phantom fixtures\n\n")
                .append("Synthetic, mammogram-like phantoms drawn by `org.biradsrepro.phantom.PhantomGenerator`.\n")
                .append("They stand in for the paper's KAU-BCMD images, which may not be redistributed or downloaded\n")
                .append("while tests run. No patient data; not for any clinical use.\n\n")
                .append("| Setting | Value |\n|---|---|\n")
                .append("| seed | ").append(spec.seed()).append(" |\n")
                .append("| image size | ").append(spec.width()).append(" x ").append(spec.height())
                .append(" px, 8-bit grayscale PNG |\n")
                .append("| images | ").append(spec.total()).append(" |\n\n")
                .append("| Folder | Images | What the class shows |\n|---|---|---|\n");
        for (int birads = PhantomSpec.MIN_CLASS; birads <= PhantomSpec.MAX_CLASS; birads++) {
            s.append("| ").append(folderName(birads)).append(" | ").append(spec.count(birads)).append(" | ")
                    .append(CLASS_DESCRIPTIONS[birads]).append(" |\n");
        }
        return s.append("\nEvery image shows a breast (left or right, MLO or CC-like) with fibroglandular texture of\n")
                .append("varying density; findings sit at random places with modest contrast. Files are named\n")
                .append("`BI-RADS <k>/birads<k>-<index>.png`, the index counting from 0000. Each image has its own\n")
                .append("seed derived from (seed, class, index), so its pixels are the same on every JVM and do not\n")
                .append("depend on the order of generation.\n\n")
                .append("Regenerate (overwrites these files; delete the class folders first if a count went down):\n\n")
                .append("    ").append(REGENERATE_COMMAND).append("\n\n")
                .append("`PhantomFixtureTest` checks that the committed PNGs decode to exactly the generated pixels\n")
                .append("(PNG bytes may differ between JDK encoders; pixels may not).\n")
                .toString();
    }
}
