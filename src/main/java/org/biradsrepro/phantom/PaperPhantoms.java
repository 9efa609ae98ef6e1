package org.biradsrepro.phantom;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The paper-sized phantom set: as many images as the paper's KAU-BCMD set in its exact class counts
 * (225/1865/278/387/102/24, 2,881 images), 1024 x 1280 pixels, 8-bit grayscale JPEG as KAU-BCMD ships, in the
 * class-folder layout the scanner reads ({@code BI-RADS <k>/birads<k>-<index>.jpg}). It exists to measure the paper's
 * protocol at the paper's scale (issue 11), so it is generated on demand and never committed (about 240 MB).
 *
 * <p>Each image is the {@link PhantomSpec#paperDrawing() drawing} at 256 x 320 magnified 4x by bilinear
 * interpolation, with a fine grain added at full resolution so that the file is not a smooth upscale. Drawing at
 * full size instead would cost 16x the time (about 0.4 s an image) and shrink every finding, which are sized in
 * drawing pixels, to a speck. Like the fixtures, each image depends only on (seed, class, index): generation may run
 * in any order and on all cores, and the same seed gives the same bytes on the same JDK (its JPEG encoder is fixed
 * there; another JDK may encode the same pixels differently).
 */
public final class PaperPhantoms {

    /** Magnification from the drawing to the written image. */
    public static final int MAGNIFICATION = 4;

    /** JPEG quality: high, as a scanner's export would be; explicit, so a JDK default cannot change the files. */
    static final float JPEG_QUALITY = 0.92f;

    /** Written last, so that its presence says the set is complete (an interrupted run leaves none). */
    public static final String COMPLETE_MARKER = "README.md";

    private static final long GRAIN_STREAM = 3;
    private static final double GRAIN = 0.010;

    private PaperPhantoms() {}

    /** Width and height of the written images. */
    public static int width(PhantomSpec drawing) {
        return drawing.width() * MAGNIFICATION;
    }

    public static int height(PhantomSpec drawing) {
        return drawing.height() * MAGNIFICATION;
    }

    /** One image of the set, magnified and grained, as an 8-bit grayscale image. */
    public static BufferedImage render(PhantomSpec drawing, int birads, int index) {
        double[] small = PhantomGenerator.intensities(drawing, birads, index);
        int w = width(drawing);
        int h = height(drawing);
        double[] big = magnify(small, drawing.width(), drawing.height(), MAGNIFICATION);
        long grainSeed = SeededRandom.derive(drawing.seed(), birads, index, GRAIN_STREAM);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                // Grain only where there is tissue: the air around the breast stays black, as on a detector.
                double onTissue = StrictMath.min(1.0, big[i] / 0.05);
                big[i] += onTissue * GRAIN * Texture.valueNoise(grainSeed, x / 1.7, y / 1.7);
            }
        }
        return PhantomGenerator.toImage(big, w, h);
    }

    /**
     * Bilinear magnification by an integer factor with pixel centres aligned (the output pixel centre
     * (x + 0.5) / m in input pixels), edges clamped: plain double arithmetic, so the same on every JVM.
     */
    static double[] magnify(double[] in, int width, int height, int m) {
        int w = width * m;
        int h = height * m;
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            double sy = StrictMath.max(0, StrictMath.min(height - 1, (y + 0.5) / m - 0.5));
            int y0 = (int) sy;
            int y1 = StrictMath.min(height - 1, y0 + 1);
            double ty = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = StrictMath.max(0, StrictMath.min(width - 1, (x + 0.5) / m - 0.5));
                int x0 = (int) sx;
                int x1 = StrictMath.min(width - 1, x0 + 1);
                double tx = sx - x0;
                double top = in[y0 * width + x0] + (in[y0 * width + x1] - in[y0 * width + x0]) * tx;
                double bottom = in[y1 * width + x0] + (in[y1 * width + x1] - in[y1 * width + x0]) * tx;
                out[y * w + x] = top + (bottom - top) * ty;
            }
        }
        return out;
    }

    /** {@code BI-RADS <k>/birads<k>-<index>.jpg}, relative to the set's root. */
    static String relativePath(int birads, int index) {
        return PhantomGenerator.folderName(birads) + "/" + String.format(Locale.ROOT, "birads%d-%04d.jpg", birads, index);
    }

    /**
     * Writes every image of {@code drawing} under {@code root} on all cores, each file atomically (written beside
     * and moved into place), then {@link #COMPLETE_MARKER}. Files the spec does not produce are left alone.
     *
     * @param written called with the number of images written so far, from any thread, for progress
     * @return the written files, by class and then index
     */
    public static List<Path> write(PhantomSpec drawing, Path root, IntConsumer written) {
        List<int[]> jobs = new ArrayList<>();
        try {
            for (int birads = PhantomSpec.MIN_CLASS; birads <= PhantomSpec.MAX_CLASS; birads++) {
                if (drawing.count(birads) > 0) {
                    Files.createDirectories(root.resolve(PhantomGenerator.folderName(birads)));
                }
                for (int index = 0; index < drawing.count(birads); index++) {
                    jobs.add(new int[] {birads, index});
                }
            }
            Files.deleteIfExists(root.resolve(COMPLETE_MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the paper-sized set's folders in " + root.toAbsolutePath(), e);
        }
        AtomicInteger done = new AtomicInteger();
        jobs.parallelStream().forEach(job -> {
            Path file = root.resolve(relativePath(job[0], job[1]));
            writeJpeg(render(drawing, job[0], job[1]), file);
            written.accept(done.incrementAndGet());
        });
        try {
            Files.writeString(root.resolve(COMPLETE_MARKER), readme(drawing), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + root.resolve(COMPLETE_MARKER).toAbsolutePath(), e);
        }
        return jobs.stream().map(job -> root.resolve(relativePath(job[0], job[1]))).toList();
    }

    static void writeJpeg(BufferedImage image, Path file) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (OutputStream out = Files.newOutputStream(partial); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.toAbsolutePath(), e);
        } finally {
            writer.dispose();
        }
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + partial.toAbsolutePath() + " into place", e);
        }
    }

    static String readme(PhantomSpec drawing) {
        StringBuilder s = new StringBuilder("# Paper-sized BI-RADS phantoms\n\n")
                .append("Synthetic, generated on demand by `org.biradsrepro.phantom.PaperPhantoms` to measure the paper's\n")
                .append("protocol at its scale; not committed. No patient data; not for any clinical use.\n\n")
                .append("| Setting | Value |\n|---|---|\n")
                .append("| seed | ").append(drawing.seed()).append(" |\n")
                .append("| image size | ").append(width(drawing)).append(" x ").append(height(drawing))
                .append(" px, 8-bit grayscale JPEG (quality ").append(JPEG_QUALITY).append("), drawn at ")
                .append(drawing.width()).append(" x ").append(drawing.height()).append(" and magnified |\n")
                .append("| images | ").append(drawing.total()).append(" |\n\n| Folder | Images |\n|---|---|\n");
        for (int birads = PhantomSpec.MIN_CLASS; birads <= PhantomSpec.MAX_CLASS; birads++) {
            s.append("| ").append(PhantomGenerator.folderName(birads)).append(" | ").append(drawing.count(birads)).append(" |\n");
        }
        return s.append("\nRegenerate: `./mvnw -q compile exec:java -Dexec.args=\"generate-paper-phantoms DIR\"`.\n").toString();
    }
}
