package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.biradsrepro.testing.TestEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MobileNetV3's hard sigmoid and hard swish keep their gradients when the JVM collects garbage between the forward
 * and the backward pass. DJL's {@code NDArray.mul(Number)}, {@code div(Number)} and {@code minimum(Number)} wrap the
 * number in a tensor over a Java direct buffer and close it as soon as the forward op returns; autograd still holds
 * that tensor, and once a collection frees the buffer, the backward pass reads freed memory. In training that was a
 * gradient wrong at random steps (MobileNetV3's pretraining stopping on a non-finite gradient at a different step
 * each run; FeatureCacheEquivalenceTest differing now and then with a trainable MobileNetV3 stage). The reference
 * here is the derivative written out, not the code's own output.
 */
class HardActivationGradientTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hard_sigmoid", "hard_swish"})
    void theGradientIsRightAfterACollectionBetweenForwardAndBackward(String name) throws InterruptedException {
        TestEngine.started();
        Supplier<Block> block = name.equals("hard_sigmoid") ? KerasLayers::hardSigmoid : KerasLayers::hardSwish;
        DoubleUnaryOperator derivative = name.equals("hard_sigmoid")
                ? x -> x > -3 && x < 3 ? 1.0 / 6 : 0
                : x -> x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6;
        float[] xs = new float[512];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -5f + 10f * (i + 0.5f) / xs.length; // never exactly at a kink (-3, 3)
        }
        for (int round = 0; round < 3; round++) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block b = block.get();
                b.initialize(m, DataType.FLOAT32, new Shape(xs.length));
                NDArray x = m.create(xs);
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = b.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                    collectGarbage();
                    gc.backward(y.sum());
                }
                float[] grad = x.getGradient().toFloatArray();
                for (int i = 0; i < xs.length; i++) {
                    assertThat((double) grad[i]).as("%s'(%s), round %d", name, xs[i], round)
                            .isCloseTo(derivative.applyAsDouble(xs[i]), within(1e-6));
                }
            }
        }
    }

    /** Enough for the collector to find unreachable direct buffers and for their memory to be freed. */
    private static void collectGarbage() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
    }
}
