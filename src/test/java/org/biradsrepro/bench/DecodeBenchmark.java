package org.biradsrepro.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.biradsrepro.data.image.BadImageCorpus;
import org.biradsrepro.data.image.DecodeCache;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a full-size mammogram costs to get into the network, and what the decode cache saves: decode and resize
 * to 331x331 (the paper's input) of a 4000x3000 16-bit image, as a 16-bit PNG and as an uncompressed DICOM.
 *
 * <p>{@code cold} decodes the file every time, as a first run does; {@code cached} goes through a warm
 * {@link DecodeCache}, as every later run does. A cache hit still hashes the whole file (SHA-256), because a
 * changed file must never be served stale: expect it to be an order of magnitude faster than a PNG decode (which
 * inflates and unfilters 24 MB). Uncompressed DICOM is read faster than it can be hashed (a first version of this
 * benchmark measured ~13 ms cold against ~50 ms from the cache), so the cache lets raw formats through: expect
 * its two DICOM rows to agree. The images (smooth structure plus noise, so that PNG compresses them as it would
 * a mammogram) are made at set-up, not kept in git.
 *
 * <pre>
 *   ./mvnw -q test-compile exec:exec@jmh -Djmh.args="DecodeBenchmark -f 1 -wi 1 -i 3"
 * </pre>
 *
 * Read ms/op per {@code format}: {@code cold} against {@code cached}; images/s = 1000 / (ms/op).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class DecodeBenchmark {

    private static final int WIDTH = 4000;
    private static final int HEIGHT = 3000;
    private static final int SIZE = 331;

    @Param({"png", "dicom"})
    public String format;

    private Path dir;
    private Path image;
    private ImagePreprocessor preprocessor;
    private DecodeCache cache;

    @Setup(Level.Trial)
    public void writeImageAndWarmTheCache() throws IOException {
        dir = Files.createTempDirectory("decode-benchmark");
        int[] samples = mammogramLike();
        image = dir.resolve("mammogram." + (format.equals("png") ? "png" : "dcm"));
        if (format.equals("png")) {
            BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_USHORT_GRAY);
            img.getRaster().setSamples(0, 0, WIDTH, HEIGHT, 0, samples);
            ImageIO.write(img, "png", image.toFile());
        } else {
            Files.write(image, BadImageCorpus.explicitDicom(WIDTH, HEIGHT, samples, 12));
        }
        preprocessor = new ImagePreprocessor(SIZE);
        cache = new DecodeCache(dir.resolve("cache"));
        cache.load(image, preprocessor);
        System.out.printf("%n%s: %,d bytes; %s, %d cores%n", image.getFileName(), Files.size(image),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
    }

    /** 12-bit values: a smooth breast-like dome plus seeded noise. */
    private static int[] mammogramLike() {
        SplittableRandom rng = new SplittableRandom(7);
        int[] v = new int[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double dx = (x - WIDTH * 0.2) / WIDTH;
                double dy = (y - HEIGHT * 0.5) / HEIGHT;
                double dome = Math.max(0, 1 - 2.2 * (dx * dx + dy * dy));
                v[y * WIDTH + x] = (int) Math.min(4095, 3200 * dome + rng.nextInt(200));
            }
        }
        return v;
    }

    @Benchmark
    public float[] cold() {
        return preprocessor.load(image);
    }

    @Benchmark
    public float[] cached() {
        return cache.load(image, preprocessor);
    }

    @TearDown(Level.Trial)
    public void deleteFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
