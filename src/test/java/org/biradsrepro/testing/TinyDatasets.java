package org.biradsrepro.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Small class-folder datasets for tests: noise images whose brightness depends on the class, so there is signal. */
public final class TinyDatasets {

    private TinyDatasets() {}

    /** Writes {@code counts[c]} 24x20 gray PNGs into {@code root/BI-RADS c/}. */
    public static Path write(Path root, int[] counts, long seed) {
        try {
            for (int c = 0; c < counts.length; c++) {
                Path folder = Files.createDirectories(root.resolve("BI-RADS " + c));
                for (int i = 0; i < counts[c]; i++) {
                    SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + c * 10_007L + i);
                    BufferedImage img = new BufferedImage(24, 20, BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < 20; y++) {
                        for (int x = 0; x < 24; x++) {
                            int v = 30 + c * 35 + rng.nextInt(40);
                            img.getRaster().setSample(x, y, 0, Math.min(255, v));
                        }
                    }
                    ImageIO.write(img, "png", folder.resolve(String.format("img-%03d.png", i)).toFile());
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
