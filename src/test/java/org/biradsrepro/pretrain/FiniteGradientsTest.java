package org.biradsrepro.pretrain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.engine.Engine;
import org.biradsrepro.backbone.Chain;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.train.Initialization;
import org.junit.jupiter.api.Test;

/** Pretraining stops on the first non-finite gradient and names the parameter by its path in the network. */
class FiniteGradientsTest {

    @Test
    void aNanGradientIsNamedByItsPathAndStepAFiniteOneIsNot() {
        TestEngine.started();
        try (NDManager manager = NDManager.newBaseManager()) {
            Chain net = new Chain().add("stem", Linear.builder().setUnits(3).build())
                    .add("source_head", Linear.builder().setUnits(2).build());
            Initialization.initialize(net, manager, new Shape[] {new Shape(1, 4)}, 7);

            backward(net, manager, new float[] {1, 2, 3, 4});
            assertThatCode(() -> FixturePretraining.requireFiniteGradients(net, "toy", 1, 1)).doesNotThrowAnyException();

            // A NaN input gives the stem's weight a NaN gradient; its bias gradient does not depend on the input.
            backward(net, manager, new float[] {Float.NaN, 2, 3, 4});
            assertThatThrownBy(() -> FixturePretraining.requireFiniteGradients(net, "toy", 2, 7))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pretraining toy: the gradient of 01stem_weight")
                    .hasMessageContaining("epoch 2, step 7");
        }
    }

    private static void backward(Chain net, NDManager manager, float[] input) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = manager.create(input, new Shape(1, 4));
            NDArray out = net.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            collector.backward(out.sum());
        }
    }
}
