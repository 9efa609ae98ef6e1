package org.biradsrepro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.biradsrepro.backbone.Chain;
import org.biradsrepro.backbone.InferenceOnly;

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
    private final AtomicInteger computations = new AtomicInteger();

    /** The cached features for {@code key}, computing them with {@code compute} the first time. */
    public Samples get(Key key, Supplier<Samples> compute) {
        return entries.computeIfAbsent(key, k -> {
            computations.incrementAndGet();
            return compute.get();
        });
    }

    /** How many times features were computed rather than reused. */
    public int computations() {
        return computations.get();
    }

    public int size() {
        return entries.size();
    }

    /**
     * Runs every sample through {@code frozen} in inference mode, in batches, freeing each layer's input as soon as
     * the next layer has its output (see {@link #forwardFreeing}).
     */
    public static Samples extract(Block frozen, Samples images, NDManager manager, int batchSize) {
        float[][] rows = new float[images.size()][];
        Shape itemShape = null;
        ParameterStore store = new ParameterStore(manager, false);
        for (int from = 0; from < images.size(); from += batchSize) {
            int to = Math.min(images.size(), from + batchSize);
            try (NDManager batch = manager.newSubManager()) {
                NDArray out = forwardFreeing(frozen, images.batch(batch, from, to), store);
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

    /**
     * An inference pass that keeps only the current activation alive. DJL frees a pass's intermediate arrays only
     * when their manager closes, so a whole ResNet152 pass at 331x331 on 32 images holds every activation at once
     * (tens of GB); walking the network's chains block by block and closing what is no longer needed bounds the
     * peak by the largest block instead.
     */
    static NDArray forwardFreeing(Block block, NDArray input, ParameterStore store) {
        if (!(block instanceof Chain || block instanceof InferenceOnly)) {
            return block.forward(store, new NDList(input), false).singletonOrThrow();
        }
        NDArray current = input;
        for (Block child : block.getChildren().values()) {
            NDArray next;
            try (NDScope scope = new NDScope()) {
                next = forwardFreeing(child, current, store);
                NDScope.unregister(next);
            }
            if (current != input) {
                current.close();
            }
            current = next;
        }
        return current;
    }
}
