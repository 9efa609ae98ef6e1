package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

/** Adamax against Keras' update rule computed by hand in double precision, over several steps. */
class AdamaxTest {

    private static final double LR = 0.001;
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-7;

    @Test
    void followsKerasUpdateRuleOverSeveralStepsWithFreshGradientsEachStep() {
        double[][] gradients = {{0.5, -2.0, 0.0}, {-0.25, 1.0, 3.0}, {0.1, 0.1, -0.2}, {4.0, -0.5, 0.0}};
        double[] w = {1.0, -1.0, 0.5};
        double[] m = new double[3];
        double[] u = new double[3];
        Adamax adamax = Adamax.builder().optLearningRate((float) LR).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(new float[] {1.0f, -1.0f, 0.5f});
            weight.setRequiresGradient(true);
            for (int t = 1; t <= gradients.length; t++) {
                double[] g = gradients[t - 1];
                // loss = sum(w * g) has gradient g: a fresh gradient each step, so accumulation would show
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(weight.mul(manager.create(toFloat(g))).sum());
                }
                adamax.update("w", weight, weight.getGradient().duplicate());
                for (int i = 0; i < 3; i++) {
                    m[i] = B1 * m[i] + (1 - B1) * g[i];
                    u[i] = Math.max(B2 * u[i], Math.abs(g[i]));
                    w[i] -= LR * m[i] / ((1 - Math.pow(B1, t)) * (u[i] + EPS));
                }
                float[] actual = weight.toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertThat((double) actual[i]).as("step %d, weight %d", t, i).isCloseTo(w[i], within(2e-6));
                }
            }
        }
    }

    @Test
    void firstStepMovesEachWeightByTheLearningRateAgainstTheGradientSign() {
        // With m = 0.1 g and u = |g| after one step, the bias-corrected step is lr * sign(g) (up to epsilon).
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(new float[] {0f, 0f});
            weight.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(weight.mul(manager.create(new float[] {3f, -0.01f})).sum());
            }
            Adamax.builder().build().update("w", weight, weight.getGradient().duplicate());
            assertThat(weight.toFloatArray()[0]).isCloseTo(-0.001f, within(1e-7f));
            assertThat(weight.toFloatArray()[1]).isCloseTo(0.001f, within(1e-7f));
        }
    }

    @Test
    void rejectsSettingsOutsideTheirRange() {
        assertThatThrownBy(() -> Adamax.builder().optLearningRate(0f).build()).hasMessageContaining("lr=0.0");
        assertThatThrownBy(() -> Adamax.builder().optBeta1(1f).build()).hasMessageContaining("beta1=1.0");
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void aLearningRateFactorScalesTheStepsThatFollowAndOneRestoresTheConfiguredRateExactly() {
        Adamax adamax = Adamax.builder().optLearningRate(0.001f).build();
        assertThat(adamax.currentLearningRate()).isEqualTo(0.001f);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(new float[] {0f, 0f});
            weight.setRequiresGradient(true);
            adamax.setLearningRateFactor(100f);
            assertThat(adamax.currentLearningRate()).isEqualTo(0.001f * 100f);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(weight.mul(manager.create(new float[] {3f, -0.01f})).sum());
            }
            adamax.update("w", weight, weight.getGradient().duplicate());
            // The first step is lr * sign(g): 100 times Keras' 0.001.
            assertThat(weight.toFloatArray()[0]).isCloseTo(-0.1f, within(1e-5f));
            assertThat(weight.toFloatArray()[1]).isCloseTo(0.1f, within(1e-5f));
        }
        adamax.setLearningRateFactor(1f);
        assertThat(Float.floatToRawIntBits(adamax.currentLearningRate())).isEqualTo(Float.floatToRawIntBits(0.001f));
        assertThatThrownBy(() -> adamax.setLearningRateFactor(0f)).hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> adamax.setLearningRateFactor(Float.POSITIVE_INFINITY)).hasMessageContaining("got Infinity");
    }
}
