package org.biradsrepro.backbone;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * Parallel branches over the same input, their outputs joined on the channel axis in the order added (Keras'
 * {@code layers.concatenate(..., axis=channel_axis)}). DJL's ParallelBlock names its children after their Java
 * class; here each branch keeps the name given (DJL prefixes a two-digit position), so the Keras layers inside
 * stay traceable.
 */
public final class Concatenation extends AbstractBlock {

    public Concatenation add(String name, Block branch) {
        addChildBlock(name, branch);
        return this;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList outputs = new NDList(children.size());
        for (Block branch : children.values()) {
            outputs.add(branch.forward(ps, inputs, training).singletonOrThrow());
        }
        return new NDList(NDArrays.concat(outputs, 1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block branch : children.values()) {
            branch.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        if (children.isEmpty()) {
            throw new IllegalStateException("a concatenation needs at least one branch");
        }
        Shape first = null;
        long channels = 0;
        for (Pair<String, Block> branch : children) {
            Shape s = branch.getValue().getOutputShapes(inputShapes)[0];
            if (first == null) {
                first = s;
            } else if (s.get(0) != first.get(0) || !s.slice(2).equals(first.slice(2))) {
                throw new IllegalStateException("branch " + branch.getKey() + " outputs " + s + ", but the first branch "
                        + children.keys().get(0) + " outputs " + first + ": only the channel axis may differ");
            }
            channels += s.get(1);
        }
        return new Shape[] {new Shape(first.get(0), channels).addAll(first.slice(2))};
    }
}
