package org.biradsrepro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biradsrepro.backbone.Chain;
import org.biradsrepro.backbone.Concatenation;
import org.biradsrepro.backbone.InferenceOnly;

/**
 * The gate between the frozen part and training: features with a NaN or an infinity never reach a head. A head
 * fed such features reports "loss NaN at epoch 1", which reads like a learning-rate problem and is not one; this
 * check names the backbone, the images and the first layer whose output went non-finite instead.
 */
public final class FiniteFeatures {

    private FiniteFeatures() {}

    /**
     * Throws {@link NonFiniteFeaturesException} when any row of {@code features} holds a NaN or an infinity.
     *
     * @param backbone the backbone variant, for the message
     * @param ids the image id of each row, in row order
     * @param frozen the block that produced the features, traced again on the first bad image to find the layer
     * @param input the frozen part's input rows, in the same order (only the first bad one is read again)
     */
    public static void check(String backbone, Samples features, List<String> ids, Block frozen, SampleSource input,
                             NDManager manager) {
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            if (!allFinite(features.rows()[i])) {
                bad.add(i);
            }
        }
        if (bad.isEmpty()) {
            return;
        }
        int first = bad.get(0);
        float[][] firstInput = input.rows(first, first + 1);
        boolean inputFinite = allFinite(firstInput[0]);
        Optional<String> layer;
        try (NDManager m = manager.newSubManager()) {
            layer = firstNonFiniteLayer(frozen, Samples.batches(m, firstInput, input.itemShapes()),
                    new ParameterStore(m, false));
        }
        throw new NonFiniteFeaturesException(backbone, features.size(), bad.stream().map(ids::get).toList(),
                inputFinite, layer);
    }

    static boolean allFinite(float[] row) {
        for (float v : row) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@code block} in inference mode, looking inside chains and concatenations, and returns the path of
     * reference layer names (e.g. {@code mixed4-7/mixed4/branch7x7/conv2d_46}) of the first block whose input is
     * finite and whose output is not; empty when the output is finite this time (the defect may be intermittent)
     * or the input already was not.
     */
    static Optional<String> firstNonFiniteLayer(Block block, NDList input, ParameterStore store) {
        if (!finite(input)) {
            return Optional.empty();
        }
        return trace(block, input, store, "").layer();
    }

    private record Traced(NDList output, Optional<String> layer) {}

    private static Traced trace(Block block, NDList input, ParameterStore store, String path) {
        if (block instanceof Chain || block instanceof InferenceOnly) {
            NDList x = input;
            for (Pair<String, Block> child : block.getChildren()) {
                Traced t = trace(child.getValue(), x, store, join(path, child.getKey()));
                if (t.layer().isPresent()) {
                    return t;
                }
                x = t.output();
            }
            return new Traced(x, Optional.empty());
        }
        if (block instanceof Concatenation) {
            for (Pair<String, Block> branch : block.getChildren()) {
                Traced t = trace(branch.getValue(), input, store, join(path, branch.getKey()));
                if (t.layer().isPresent()) {
                    return t;
                }
            }
        }
        NDList out = block.forward(store, input, false);
        return new Traced(out, finite(out) ? Optional.empty() : Optional.of(path.isEmpty() ? "(input)" : path));
    }

    private static String join(String path, String childKey) {
        // DJL prefixes each child's name with its two-digit position.
        String name = childKey.replaceFirst("^\\d{2}", "");
        return path.isEmpty() ? name : path + "/" + name;
    }

    private static boolean finite(NDList list) {
        for (NDArray a : list) {
            if (a.isNaN().any().getBoolean() || a.isInfinite().any().getBoolean()) {
                return false;
            }
        }
        return true;
    }
}
