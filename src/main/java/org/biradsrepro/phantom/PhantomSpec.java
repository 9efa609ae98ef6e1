package org.biradsrepro.phantom;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to generate: a base seed, the image size in pixels and how many images each BI-RADS class (0..5) gets.
 * Classes missing from {@code countsByClass} get no images. The map is copied into a read-only map sorted by class.
 */
public record PhantomSpec(long seed, int width, int height, Map<Integer, Integer> countsByClass) {

    /** Lowest and highest BI-RADS assessment category. */
    public static final int MIN_CLASS = 0;
    public static final int MAX_CLASS = 5;

    /** Seed of the committed fixture set; changing it means regenerating and re-committing the PNGs. */
    public static final long FIXTURE_SEED = 20251125L;

    // Images per class (BI-RADS 0..5) in the paper's dataset; the fixture keeps this imbalance at 1/8 scale.
    private static final int[] PAPER_COUNTS = {225, 1865, 278, 387, 102, 24};
    private static final int FIXTURE_DIVISOR = 8;
    private static final int FIXTURE_MIN_PER_CLASS = 3;

    public PhantomSpec {
        if (width <= 0) {
            throw new IllegalArgumentException("width must be positive, was " + width);
        }
        if (height <= 0) {
            throw new IllegalArgumentException("height must be positive, was " + height);
        }
        Objects.requireNonNull(countsByClass, "countsByClass must not be null");
        TreeMap<Integer, Integer> sorted = new TreeMap<>();
        for (Map.Entry<Integer, Integer> entry : countsByClass.entrySet()) {
            Integer birads = entry.getKey();
            Integer count = entry.getValue();
            if (birads == null || birads < MIN_CLASS || birads > MAX_CLASS) {
                throw new IllegalArgumentException("BI-RADS class must be in " + MIN_CLASS + ".." + MAX_CLASS
                        + ", was " + birads);
            }
            if (count == null || count < 0) {
                throw new IllegalArgumentException("count for BI-RADS " + birads + " must be >= 0, was " + count);
            }
            sorted.put(birads, count);
        }
        countsByClass = Collections.unmodifiableMap(sorted);
    }

    /**
     * The committed fixture set: seed 20251125, 128 x 160 pixels, the paper's class counts divided by 8, rounded
     * half up, at least 3 per class (28/233/35/48/13/3, 360 images).
     */
    public static PhantomSpec fixture() {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int birads = MIN_CLASS; birads <= MAX_CLASS; birads++) {
            int scaled = (PAPER_COUNTS[birads] + FIXTURE_DIVISOR / 2) / FIXTURE_DIVISOR;
            counts.put(birads, StrictMath.max(FIXTURE_MIN_PER_CLASS, scaled));
        }
        return new PhantomSpec(FIXTURE_SEED, 128, 160, counts);
    }

    /** Seed of the paper-sized set ({@link PaperPhantoms}); generated on demand, never committed. */
    public static final long PAPER_SEED = 20251201L;

    /**
     * The drawing of the paper-sized set: seed 20251201, the paper's exact class counts (225/1865/278/387/102/24,
     * 2,881 images), drawn at 256 x 320 pixels, twice the fixture's size, so that findings keep the fixture's
     * proportions; {@link PaperPhantoms} magnifies each drawing to a mammogram-like resolution.
     */
    public static PhantomSpec paperDrawing() {
        return new PhantomSpec(PAPER_SEED, 256, 320, paperCounts());
    }

    /**
     * Seed of the miniature at the paper's budget: declared with the miniature, before any run of it, and never to be
     * changed toward a result (issue 21).
     */
    public static final long MINIATURE_SEED = 20251206L;

    /**
     * The miniature at the paper's optimisation budget: the paper's exact class counts (225/1865/278/387/102/24,
     * 2,881 images) at the fixture's drawing size (128 x 160), so that a split trains on about 2,304 images, 72 steps
     * an epoch at batch 32 as in the paper, while the networks and images stay at fixture scale. Its own seed, so it
     * shares no image with the committed fixture set.
     */
    public static PhantomSpec miniature() {
        return new PhantomSpec(MINIATURE_SEED, 128, 160, paperCounts());
    }

    private static Map<Integer, Integer> paperCounts() {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int birads = MIN_CLASS; birads <= MAX_CLASS; birads++) {
            counts.put(birads, PAPER_COUNTS[birads]);
        }
        return counts;
    }

    /** Number of images of one class; 0 for a class the spec leaves out. */
    public int count(int birads) {
        return countsByClass.getOrDefault(birads, 0);
    }

    /** Number of images over all classes. */
    public int total() {
        return countsByClass.values().stream().mapToInt(Integer::intValue).sum();
    }
}
