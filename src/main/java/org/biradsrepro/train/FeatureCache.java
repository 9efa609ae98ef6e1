package org.biradsrepro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The frozen part's output per image, computed once and reused across epochs, splits and both variants. While
 * the lower part is frozen and runs in inference mode its output for an image never changes, and it is the bulk
 * of the compute; with the cache an epoch costs only the trainable part.
 *
 * <p>Entries are keyed by everything that determines the frozen output: the backbone variant, the frozen part's
 * seed and extent, the input size and the dataset fingerprint.
 */
public final class FeatureCache {

    /** What the frozen output depends on. */
    public record Key(String variant, long frozenSeed, int trainableStages, int imageSize, String datasetFingerprint) {}

    private final Map<Key, Samples> entries = new ConcurrentHashMap<>();

    /** The cached features for {@code key}, computing them with {@code compute} the first time. */
    public Samples get(Key key, Supplier<Samples> compute) {
        return entries.computeIfAbsent(key, k -> compute.get());
    }

    public int size() {
        return entries.size();
    }

    /** Runs every sample through {@code frozen} in inference mode, in batches. */
    public static Samples extract(Block frozen, Samples images, NDManager manager, int batchSize) {
        float[][] rows = new float[images.size()][];
        Shape itemShape = null;
        ParameterStore store = new ParameterStore(manager, false);
        for (int from = 0; from < images.size(); from += batchSize) {
            int to = Math.min(images.size(), from + batchSize);
            try (NDManager batch = manager.newSubManager()) {
                NDArray out = frozen.forward(store, new NDList(images.batch(batch, from, to)), false).singletonOrThrow();
                itemShape = out.getShape().slice(1);
                float[] flat = out.toFloatArray();
                int width = flat.length / (to - from);
                for (int i = from; i < to; i++) {
                    rows[i] = new float[width];
                    System.arraycopy(flat, (i - from) * width, rows[i], 0, width);
                }
            }
        }
        return new Samples(rows, itemShape, images.labels());
    }
}
