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
 * A sequence of blocks with names of our choosing. DJL's SequentialBlock names children after their Java class,
 * which loses the reference layer names ({@code conv2_block1_1_conv}) that a weight mapping needs; here the name
 * given is kept (DJL prefixes a two-digit position).
 */
public final class Chain extends AbstractBlock {

    public Chain add(String name, Block block) {
        addChildBlock(name, block);
        return this;
    }

    public boolean isEmpty() {
        return children.isEmpty();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return forwardChildren(0, children.size(), ps, inputs, training);
    }

    /** Children {@code from} (inclusive) to {@code to} (exclusive) in order: a part of the chain. */
    NDList forwardChildren(int from, int to, ParameterStore ps, NDList inputs, boolean training) {
        NDList x = inputs;
        for (Block child : children.values().subList(from, to)) {
            x = child.forward(ps, x, training);
        }
        return x;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }
}
