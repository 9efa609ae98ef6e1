package org.biradsrepro.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Keras' {@code BatchNormalization(scale=False)} on the channel axis of NCHW input: an offset (beta) and the moving
 * mean and variance, but no scale (gamma). DJL's {@code BatchNorm.optScale(false)} only stops gamma from training;
 * the parameter still exists, would add one value per channel to the count, and would train again after
 * {@code freezeParameters(false)}. Here the scale is a constant one that is not a parameter at all.
 *
 * <p>Momentum follows Keras' convention (the moving-average decay), as DJL's BatchNorm does.
 */
public final class UnscaledBatchNorm extends AbstractBlock {

    private final float epsilon;
    private final float momentum;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    public UnscaledBatchNorm(float epsilon, float momentum) {
        if (!(epsilon > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("need epsilon > 0 and 0 <= momentum < 1, got epsilon " + epsilon
                    + ", momentum " + momentum);
        }
        this.epsilon = epsilon;
        this.momentum = momentum;
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    public float epsilon() {
        return epsilon;
    }

    public float momentum() {
        return momentum;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        NDArray ones = x.getManager().ones(b.getShape(), x.getDataType(), x.getDevice());
        return x.getNDArrayInternal().batchNorm(x, ps.getValue(runningMean, x.getDevice(), training),
                ps.getValue(runningVar, x.getDevice(), training), ones, b, 1, momentum, epsilon, training);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape perChannel = new Shape(inputShapes[0].get(1));
        beta.setShape(perChannel);
        runningMean.setShape(perChannel);
        runningVar.setShape(perChannel);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
