package org.biradsrepro.train;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.biradsrepro.cache.CheckedEntries;

/**
 * The frozen part's features on disk ({@code repro.featureCacheDir}), so that a second run, or a run started again
 * after it was stopped, does no forward pass for what an earlier one computed. One entry per batch of the feature
 * pass: a stopped pass loses at most the batch it was computing.
 *
 * <p>An entry's key is the computation ({@link FeatureCache.Key#computation()}: backbone variant and size, frozen
 * seed, cut, preprocessing, scaling, weights with their SHA-256, engine and code) with the item shapes and the
 * content hashes of the batch's images, in order. The batch's images are part of the key, not only the one image a
 * row is for: the engine may pick other kernels for another batch, so a feature is only known to be what a pass
 * would compute when it was computed in the same batch. Entries are {@link CheckedEntries}: checksummed and
 * written atomically; a damaged one is reported and computed again. A batch holding a NaN or an infinity is
 * never stored, so that a transient defect is not kept.
 */
public final class FeatureStore {

    private static final int MAGIC = 0x42524643; // "BRFC"
    private static final int FORMAT = 1;

    private final Optional<CheckedEntries> entries;
    private final AtomicInteger computed = new AtomicInteger();
    private final AtomicInteger read = new AtomicInteger();

    private FeatureStore(Optional<CheckedEntries> entries) {
        this.entries = entries;
    }

    /** Features kept in {@code dir}; {@code report} is told of each damaged entry found. */
    public static FeatureStore inFolder(Path dir, Consumer<String> report) {
        return new FeatureStore(Optional.of(new CheckedEntries(dir, MAGIC, FORMAT, ".features", "repro.featureCacheDir",
                report)));
    }

    /** Nothing on disk: every batch is computed (and counted). */
    public static FeatureStore none() {
        return new FeatureStore(Optional.empty());
    }

    /** The folder, if features are kept on disk. */
    public Optional<Path> dir() {
        return entries.map(CheckedEntries::dir);
    }

    /**
     * The stored batches of one computation over images with the given content hashes (in row order of the pass).
     */
    public FeatureCache.StoredBatches batches(String computation, List<String> contentHashes) {
        List<String> hashes = List.copyOf(contentHashes);
        return new FeatureCache.StoredBatches() {
            @Override
            public float[][] read(int from, int to, List<Shape> itemShapes) {
                if (entries.isEmpty()) {
                    return null;
                }
                int width = width(itemShapes);
                float[] flat = entries.get().read(key(computation, itemShapes, hashes.subList(from, to)),
                        Math.multiplyExact(to - from, width));
                if (flat == null) {
                    return null;
                }
                float[][] rows = new float[to - from][width];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(flat, i * width, rows[i], 0, width);
                }
                read.incrementAndGet();
                return rows;
            }

            @Override
            public void computed(int from, int to, List<Shape> itemShapes, float[][] rows) {
                computed.incrementAndGet();
                if (entries.isEmpty()) {
                    return;
                }
                for (float[] row : rows) {
                    if (!FiniteFeatures.allFinite(row)) {
                        return;
                    }
                }
                int width = width(itemShapes);
                float[] flat = new float[Math.multiplyExact(rows.length, width)];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(rows[i], 0, flat, i * width, width);
                }
                entries.get().write(key(computation, itemShapes, hashes.subList(from, to)), flat);
            }
        };
    }

    /** Batches the frozen part computed. */
    public int computedBatches() {
        return computed.get();
    }

    /** Batches read from disk instead of computed. */
    public int storedBatchesRead() {
        return read.get();
    }

    /** Entries found damaged, reported and computed again. */
    public int damagedEntries() {
        return entries.map(CheckedEntries::damagedEntries).orElse(0);
    }

    private static String key(String computation, List<Shape> itemShapes, List<String> batchHashes) {
        return "features;" + computation + ";itemShapes=" + itemShapes + ";images=" + String.join(",", batchHashes);
    }

    private static int width(List<Shape> itemShapes) {
        return Math.toIntExact(itemShapes.stream().mapToLong(Shape::size).sum());
    }
}
