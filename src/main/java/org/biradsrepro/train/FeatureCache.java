package org.biradsrepro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
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

    /** What the frozen output depends on; {@code weights} identifies the starting weights (source, SHA-256). */
    public record Key(String variant, long frozenSeed, int trainableStages, int imageSize, String datasetFingerprint,
                      Map<String, String> weights) {
        public Key {
            weights = Map.copyOf(weights);
        }
    }

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
     * the next layer has its output (see {@link #forwardFreeing}). The frozen part may end in several arrays per
     * image; each sample's row then holds them all.
     */
    public static Samples extract(Block frozen, Samples images, NDManager manager, int batchSize) {
        return extract(frozen, images, manager, batchSize, done -> {});
    }

    /** As {@link #extract(Block, Samples, NDManager, int)}, telling {@code batchDone} how many images each batch held. */
    public static Samples extract(Block frozen, Samples images, NDManager manager, int batchSize, IntConsumer batchDone) {
        float[][] rows = new float[images.size()][];
        List<Shape> itemShapes = null;
        ParameterStore store = new ParameterStore(manager, false);
        for (int from = 0; from < images.size(); from += batchSize) {
            int to = Math.min(images.size(), from + batchSize);
            try (NDManager batch = manager.newSubManager()) {
                NDList out = forwardFreeing(frozen, images.batches(batch, from, to), store);
                itemShapes = out.stream().map(a -> a.getShape().slice(1)).toList();
                Samples.unbatch(out, rows, from);
            }
            batchDone.accept(to - from);
        }
        return new Samples(rows, itemShapes, images.labels());
    }

    /**
     * An inference pass that keeps only the current activations alive. DJL frees a pass's intermediate arrays only
     * when their manager closes, so a whole ResNet152 pass at 331x331 on 32 images holds every activation at once
     * (tens of GB); walking the network's chains block by block and closing what is no longer needed bounds the
     * peak by the largest block instead. A block may pass one of its inputs on unchanged among its outputs: only
     * arrays that the next block's output no longer holds are closed, and never the caller's input.
     */
    static NDList forwardFreeing(Block block, NDList input, ParameterStore store) {
        if (!(block instanceof Chain || block instanceof InferenceOnly)) {
            return block.forward(store, input, false);
        }
        NDList current = input;
        for (Block child : block.getChildren().values()) {
            NDList next;
            try (NDScope scope = new NDScope()) {
                next = forwardFreeing(child, current, store);
                next.forEach(NDScope::unregister);
            }
            for (NDArray a : current) {
                if (!containsSame(input, a) && !containsSame(next, a)) {
                    a.close();
                }
            }
            current = next;
        }
        return current;
    }

    private static boolean containsSame(NDList list, NDArray array) {
        return list.stream().anyMatch(a -> a == array);
    }
}
