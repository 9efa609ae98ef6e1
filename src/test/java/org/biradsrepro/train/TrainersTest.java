package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.biradsrepro.testing.TestEngine;

/**
 * A dense softmax head whose first gradients are not zero but add up to exactly zero: two classes, all parameters
 * zero, one image with feature 1 and label 0, so {@code p - y = (-0.5, 0.5)} exactly, for the weights and the bias
 * alike. DJL's own trainer refuses that step; the suite's takes it, as Keras would.
 */
class TrainersTest {

    @Test
    void djlsOwnTrainerRefusesAFirstStepWhoseGradientsCancel() {
        assertThatThrownBy(() -> firstStep(Model::newTrainer)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Gradient values are all zeros");
    }

    @Test
    void theSuitesTrainerTakesIt() {
        float[] bias = firstStep(Trainers::newTrainer);
        // Adamax's first step moves each parameter by the learning rate against its gradient's sign.
        assertThat(bias[0]).isPositive();
        assertThat(bias[1]).isNegative();
    }

    /** Runs one training step and returns the bias after it. */
    private static float[] firstStep(BiFunction<Model, DefaultTrainingConfig, Trainer> trainers) {
        TestEngine.started();
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("cancelling")) {
            Linear head = Linear.builder().setUnits(2).build();
            model.setBlock(head);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Adamax.builder().build());
            try (Trainer trainer = trainers.apply(model, config)) {
                trainer.initialize(new Shape(1, 1));
                for (Parameter p : head.getParameters().values()) {
                    p.getArray().set(new NDIndex("..."), 0f);
                }
                NDArray x = manager.create(new float[] {1f}, new Shape(1, 1));
                NDArray y = manager.create(new float[] {0f}, new Shape(1));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                    collector.backward(trainer.getLoss().evaluate(new NDList(y), new NDList(logits)));
                }
                float[] gradient = head.getParameters().get("bias").getArray().getGradient().toFloatArray();
                assertThat(gradient).as("bias gradient: nonzero, summing to exactly 0").containsExactly(-0.5f, 0.5f);
                trainer.step();
                return head.getParameters().get("bias").getArray().toFloatArray();
            }
        }
    }
}
