package org.biradsrepro.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code relu(main(x) + shortcut(x))}, the shortcut being the identity when none is given (Keras' Add + relu), or
 * without the relu where Keras adds and stops ({@link #linear}: MobileNetV3's {@code expanded_conv_N_add}).
 */
public final class Residual extends AbstractBlock {

    private final Block main;
    private final Block shortcut;
    private final boolean relu;

    public Residual(Block main, Block shortcut) {
        this(main, shortcut, true);
    }

    private Residual(Block main, Block shortcut, boolean relu) {
        this.main = addChildBlock("main", main);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
        this.relu = relu;
    }

    /** {@code x + main(x)} with no activation after the sum. */
    public static Residual linear(Block main) {
        return new Residual(main, null, false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray m = main.forward(ps, inputs, training).singletonOrThrow();
        NDArray s = shortcut == null ? inputs.singletonOrThrow() : shortcut.forward(ps, inputs, training).singletonOrThrow();
        NDArray sum = Sums.add(m, s, inputs, training);
        return new NDList(relu ? Activation.relu(sum) : sum);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        main.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return main.getOutputShapes(inputShapes);
    }
}
