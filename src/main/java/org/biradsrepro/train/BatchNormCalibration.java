package org.biradsrepro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import org.biradsrepro.backbone.Chain;
import org.biradsrepro.backbone.InferenceOnly;
import org.biradsrepro.backbone.Residual;

/**
 * Sets every BatchNorm's running mean and variance of a randomly initialised network to the statistics of its
 * input over a calibration batch, layer by layer from the bottom up.
 *
 * <p>Why: the paper's frozen backbones carry ImageNet weights, whose running statistics keep activations near unit
 * scale. No such weights can be downloaded here, and a random network with fresh statistics (mean 0, variance 1)
 * passes Keras-scaled input (up to +-150 for ResNet) through unnormalised, so the head sees features in the
 * hundreds and Adamax at 0.001 cannot fit them. Calibrating on images <em>independent of the evaluation data</em>
 * plays the part of pre-training on another dataset without leaking anything from the test side.
 */
public final class BatchNormCalibration {

    private static final NDIndex ALL = new NDIndex("...");

    private BatchNormCalibration() {}

    /** Calibrates {@code block} in place on {@code images} (a batch in the block's input layout). */
    public static void calibrate(Block block, NDArray images) {
        try (NDManager scratch = images.getManager().newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(scratch);
            walk(block, new NDList(x), new ParameterStore(scratch, false));
        }
    }

    private static NDList walk(Block block, NDList x, ParameterStore store) {
        if (block instanceof Chain || block instanceof InferenceOnly) {
            NDList out = x;
            for (Block child : block.getChildren().values()) {
                out = walk(child, out, store);
            }
            return out;
        }
        if (block instanceof Residual) {
            java.util.List<Block> children = block.getChildren().values();
            NDArray main = walk(children.get(0), x, store).singletonOrThrow();
            NDArray shortcut = children.size() > 1 ? walk(children.get(1), x, store).singletonOrThrow() : x.singletonOrThrow();
            return new NDList(Activation.relu(main.add(shortcut)));
        }
        if (block instanceof BatchNorm) {
            NDArray in = x.singletonOrThrow();
            long channels = in.getShape().get(1);
            // channels first, everything else flattened: one row of values per channel
            NDArray rows = in.getShape().dimension() == 4
                    ? in.transpose(1, 0, 2, 3).reshape(channels, -1) : in.transpose(1, 0);
            NDArray mean = rows.mean(new int[] {1});
            NDArray variance = rows.sub(rows.mean(new int[] {1}, true)).square().mean(new int[] {1});
            block.getDirectParameters().get("runningMean").getArray().set(ALL, mean);
            block.getDirectParameters().get("runningVar").getArray().set(ALL, variance);
        }
        return block.forward(store, x, false);
    }
}
