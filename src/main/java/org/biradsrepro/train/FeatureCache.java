package org.biradsrepro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>Entries are keyed by everything that determines the frozen output (see {@link Key}). The features are
 * computed a batch of images at a time from a {@link SampleSource}, so the images need never be in memory all at
 * once; finished batches may come from, and go to, a {@link StoredBatches} store on disk ({@link FeatureStore}).
 */
public final class FeatureCache {

    /**
     * What the frozen output depends on.
     *
     * @param variant the backbone variant, e.g. {@code resnet152}
     * @param fullSize whether the network is built at its published size or as the small fixture stand-in
     * @param frozenSeed the seed of the frozen part's initialisation (what it keeps where no weights are loaded)
     * @param trainableStages where the network is cut: the frozen part ends below that many top stages
     * @param preprocessing the image preprocessing's settings (size, rules version)
     * @param scaling the backbone's input scaling
     * @param weights the starting weights' identity (source, file, SHA-256)
     * @param computedBy the engine and code that compute the pass: versions, thread count, CPU, the classes' hash
     * @param datasetFingerprint which images, in which order
     */
    public record Key(String variant, boolean fullSize, long frozenSeed, int trainableStages, String preprocessing,
                      String scaling, Map<String, String> weights, String computedBy, String datasetFingerprint) {
        public Key {
            weights = Map.copyOf(weights);
        }

        /**
         * Everything but the dataset, as text: with the content hashes of a batch's images it names a batch's
         * features on disk ({@link FeatureStore}). Map entries are sorted, so the text does not depend on map order.
         */
        public String computation() {
            return "variant=" + variant + ";fullSize=" + fullSize + ";frozenSeed=" + frozenSeed + ";trainableStages="
                    + trainableStages + ";preprocessing=" + preprocessing + ";scaling=" + scaling + ";weights="
                    + new TreeMap<>(weights) + ";computedBy=" + computedBy;
        }
    }

    /**
     * Where finished batches of the feature pass may be kept between runs. A batch is rows {@code from} to
     * {@code to} of the pass, always the same images together: the pass cuts the dataset into the same batches
     * every time, so a stored batch is exactly what computing it again would give.
     */
    public interface StoredBatches {
        /** The features of rows {@code from}..{@code to} (each the item shapes' values), or null when not stored. */
        float[][] read(int from, int to, List<Shape> itemShapes);

        /** The features of rows {@code from}..{@code to}, just computed. */
        void computed(int from, int to, List<Shape> itemShapes, float[][] rows);

        /** Keeps nothing. */
        StoredBatches NONE = new StoredBatches() {
            @Override
            public float[][] read(int from, int to, List<Shape> itemShapes) {
                return null;
            }

            @Override
            public void computed(int from, int to, List<Shape> itemShapes, float[][] rows) {}
        };
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
     * the next layer has its output (see {@link #forwardFreeing}), each batch zero-filled as the engine's
     * {@code repro.zeroFill} says ({@link NativeEngine#inferencePass}). The frozen part may end in several arrays per
     * image; each sample's row then holds them all.
     */
    public static Samples extract(Block frozen, SampleSource images, NDManager manager, int batchSize) {
        return extract(frozen, images, manager, batchSize, StoredBatches.NONE, done -> {});
    }

    /**
     * As {@link #extract(Block, SampleSource, NDManager, int)}, reading each batch from {@code stored} where it is
     * there and handing each batch computed to it. Only one batch of images is read from {@code images} at a time,
     * and only for batches not stored, so the pass holds the features and one batch of images, whatever the
     * dataset's size.
     */
    public static Samples extract(Block frozen, SampleSource images, NDManager manager, int batchSize,
                                  StoredBatches stored) {
        return extract(frozen, images, manager, batchSize, stored, done -> {});
    }

    /** As {@link #extract(Block, SampleSource, NDManager, int, StoredBatches)}, telling {@code batchDone} how many images each batch held. */
    public static Samples extract(Block frozen, SampleSource images, NDManager manager, int batchSize,
                                  StoredBatches stored, IntConsumer batchDone) {
        List<Shape> itemShapes = Arrays.stream(frozen.getOutputShapes(images.batchShapes(1)))
                .map(s -> s.slice(1)).toList();
        float[][] rows = new float[images.size()][];
        ParameterStore store = new ParameterStore(manager, false);
        for (int from = 0; from < images.size(); from += batchSize) {
            int to = Math.min(images.size(), from + batchSize);
            float[][] kept = stored.read(from, to, itemShapes);
            if (kept != null) {
                System.arraycopy(kept, 0, rows, from, to - from);
                batchDone.accept(to - from);
                continue;
            }
            try (NDManager batch = manager.newSubManager()) {
                NDList input = Samples.batches(batch, images.rows(from, to), images.itemShapes());
                NDList out = NativeEngine.inferencePass(() -> forwardFreeing(frozen, input, store));
                List<Shape> computedShapes = out.stream().map(a -> a.getShape().slice(1)).toList();
                if (!computedShapes.equals(itemShapes)) {
                    throw new IllegalStateException("the frozen part computed item shapes " + computedShapes
                            + " where it declares " + itemShapes);
                }
                Samples.unbatch(out, rows, from);
            }
            stored.computed(from, to, itemShapes, Arrays.copyOfRange(rows, from, to));
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
