package org.biradsrepro.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * Seeded parameter initialisation. Kernels get Keras' default {@code glorot_uniform} (Xavier uniform, limit
 * sqrt(6 / (fan_in + fan_out))); biases, BatchNorm offsets and running means start at zero, scales and running
 * variances at one. The engine's generator is reseeded right before each block, so a block's values depend only
 * on its seed, not on what was built before it.
 */
public final class Initialization {

    static final Initializer GLOROT_UNIFORM =
            new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3);

    private Initialization() {}

    public static void initialize(Block block, NDManager manager, Shape inputShape, long seed) {
        initialize(block, manager, new Shape[] {inputShape}, seed);
    }

    /** For a block with several inputs. */
    public static void initialize(Block block, NDManager manager, Shape[] inputShapes, long seed) {
        // Every network passes here before its first forward pass: the place to refuse an engine started by accident
        // (DJL's own, with its thread count and an allocator that does not zero-fill).
        NativeEngine.running();
        Engine.getInstance().setRandomSeed(engineSeed(seed));
        block.setInitializer(GLOROT_UNIFORM, Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, inputShapes);
    }

    /** DJL takes an int seed; fold the long so that both halves matter. */
    static int engineSeed(long seed) {
        return (int) (seed ^ (seed >>> 32));
    }
}
