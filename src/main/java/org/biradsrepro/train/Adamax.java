package org.biradsrepro.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.optimizer.Optimizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adamax (Kingma and Ba, 2015, section 7.1), the paper's optimiser; DJL has none. The update is Keras'
 * ({@code keras.optimizers.Adamax}, defaults beta1 0.9, beta2 0.999, epsilon 1e-7):
 *
 * <pre>
 *   m = m + (g - m) * (1 - beta1)
 *   u = max(beta2 * u, |g|)
 *   w = w - lr * m / ((1 - beta1^t) * (u + epsilon))
 * </pre>
 *
 * Note that Keras adds epsilon to u, where the paper's Algorithm 2 has none; we follow Keras, which the paper ran.
 *
 * <p>{@link #setLearningRateFactor} multiplies lr for the steps that follow, for a positive control's
 * {@link Perturbation}; left at 1, as every run of the paper's protocol leaves it, lr is the configured float itself.
 */
public final class Adamax extends Optimizer {

    private static final NDIndex ALL = new NDIndex("...");

    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    /** The lr of the next steps: {@code learningRate} times the factor set last (1 until one is set). */
    private volatile float stepRate;
    private final Map<String, Map<Device, NDArray>> firstMoments = new ConcurrentHashMap<>();
    private final Map<String, Map<Device, NDArray>> infinityNorms = new ConcurrentHashMap<>();

    private Adamax(Builder b) {
        super(b);
        this.learningRate = b.learningRate;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
        this.stepRate = b.learningRate;
    }

    /**
     * Multiplies the configured learning rate by {@code factor} for every step from now on (until set again), as a
     * {@link Perturbation} asks for an epoch; 1 restores the configured rate exactly.
     */
    public void setLearningRateFactor(float factor) {
        if (!(factor > 0) || !Float.isFinite(factor)) {
            throw new IllegalArgumentException("a learning-rate factor must be finite and > 0; got " + factor);
        }
        stepRate = learningRate * factor;
    }

    /** The learning rate the next step uses. */
    public float currentLearningRate() {
        return stepRate;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        NDArray m = withDefaultState(firstMoments, parameterId, weight.getDevice(), k -> weight.zerosLike());
        NDArray u = withDefaultState(infinityNorms, parameterId, weight.getDevice(), k -> weight.zerosLike());
        NDScope.unregister(m, u);
        // Temporaries die with the scope: a step creates a handful per parameter and there are millions of steps.
        try (NDScope scope = new NDScope()) {
            NDArray g = rescaleGrad == 1f ? grad : grad.mul(rescaleGrad);
            m.addi(g.sub(m).muli(1 - beta1));
            u.set(ALL, u.mul(beta2).maximum(g.abs()));
            double correction = 1.0 - StrictMath.pow(beta1, t);
            weight.subi(m.mul(stepRate).divi(u.add(epsilon).muli(correction)));
            // DJL leaves zeroing to the optimiser (its built-in ones do it natively); without this, gradients
            // would accumulate across steps.
            weight.getGradient().set(ALL, 0f);
        }
    }

    /** Builder; defaults are Keras' Adamax defaults. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private float learningRate = 0.001f;
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-7f;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        public Builder optLearningRate(float v) { this.learningRate = v; return this; }
        public Builder optBeta1(float v) { this.beta1 = v; return this; }
        public Builder optBeta2(float v) { this.beta2 = v; return this; }
        public Builder optEpsilon(float v) { this.epsilon = v; return this; }

        public Adamax build() {
            if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon >= 0)) {
                throw new IllegalArgumentException("Adamax needs lr > 0, 0 <= beta1, beta2 < 1, epsilon >= 0; got lr="
                        + learningRate + " beta1=" + beta1 + " beta2=" + beta2 + " epsilon=" + epsilon);
            }
            return new Adamax(this);
        }
    }
}
