package org.biradsrepro.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Runs its child in inference mode whatever the caller asks. A frozen BatchNorm run in training mode still
 * normalises with batch statistics and still updates its running statistics; Keras' frozen layers
 * ({@code trainable=False}) run in inference mode, and so must ours.
 */
public final class InferenceOnly extends AbstractBlock {

    private final Block child;

    public InferenceOnly(Block child) {
        this.child = addChildBlock("frozen", child);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return child.forward(ps, inputs, false);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        child.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return child.getOutputShapes(inputShapes);
    }
}
