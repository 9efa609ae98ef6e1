package org.biradsrepro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.backbone.UnscaledBatchNorm;

/**
 * Replaces every BatchNorm layer's moving mean and variance by the statistics of its input over a set of images
 * ("precise BatchNorm", Wu and Johnson 2021), so that the network run in inference mode normalises as it did
 * while training.
 *
 * <p>Why: the moving averages follow Keras' momenta (0.9997 for NASNet, 0.99 for ResNet and Inception, 0.999 for
 * MobileNetV3, 0.9 for RegNet). After a few hundred steps from their initial 0 and 1, a 0.9997 average has moved
 * by less than 10 % of the way, so a network trained end to end for a short while is useless in inference
 * mode, which is how the transfer network runs its frozen part.
 *
 * <p>How: per chunk of images, every running mean and variance is set to 0 and the network runs forward in
 * training mode (no gradients), which normalises each layer by the chunk's own statistics and leaves
 * {@code (1 - momentum) * statistic} in the running arrays (PyTorch's update, unbiased variance). Dividing by
 * {@code 1 - momentum} recovers each chunk's mean and variance exactly up to float rounding; chunks of equal size
 * are combined by the law of total variance: mean = average of the chunk means, variance = average of
 * (chunk variance + chunk mean^2) - mean^2. What remains inexact: each layer's input is computed with the layers
 * below normalised by the chunk statistics rather than the final population ones, and the chunk variances are the
 * unbiased ones (a relative difference of 1/n, n = images x height x width per chunk).
 */
public final class BatchNormRecalibration {

    /** One BatchNorm layer: its running arrays and its momentum (Keras convention: the decay). */
    private record Layer(Parameter mean, Parameter var, float momentum) {}

    private BatchNormRecalibration() {}

    /**
     * @param block an initialised network whose BatchNorm layers are recalibrated in place
     * @param chunks inputs, one NDList per chunk, each of the same number of images
     * @return how many BatchNorm layers were recalibrated
     */
    public static int recalibrate(Block block, List<NDList> chunks, NDManager manager) {
        List<Layer> layers = new ArrayList<>();
        collect(block, layers);
        long runningMeans = block.getParameters().values().stream()
                .filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN).count();
        if (runningMeans != layers.size()) {
            throw new IllegalStateException("found " + layers.size() + " BatchNorm layers but " + runningMeans
                    + " running means: a normalisation layer of an unknown kind would be left unrecalibrated");
        }
        double[][] meanSum = new double[layers.size()][];
        double[][] squareSum = new double[layers.size()][];
        for (NDList chunk : chunks) {
            for (Layer l : layers) {
                l.mean().getArray().set(new NDIndex("..."), 0f);
                l.var().getArray().set(new NDIndex("..."), 0f);
            }
            try (NDManager pass = manager.newSubManager()) {
                NDList input = new NDList();
                for (NDArray a : chunk) {
                    NDArray copy = a.duplicate();
                    copy.attach(pass);
                    input.add(copy);
                }
                block.forward(new ParameterStore(pass, false), input, true);
            }
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                double rate = 1.0 - l.momentum();
                float[] m = l.mean().getArray().toFloatArray();
                float[] v = l.var().getArray().toFloatArray();
                if (meanSum[i] == null) {
                    meanSum[i] = new double[m.length];
                    squareSum[i] = new double[m.length];
                }
                for (int c = 0; c < m.length; c++) {
                    double mean = m[c] / rate;
                    meanSum[i][c] += mean;
                    squareSum[i][c] += v[c] / rate + mean * mean;
                }
            }
        }
        int n = chunks.size();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            float[] mean = new float[meanSum[i].length];
            float[] var = new float[mean.length];
            for (int c = 0; c < mean.length; c++) {
                double mu = meanSum[i][c] / n;
                mean[c] = (float) mu;
                var[c] = (float) StrictMath.max(0, squareSum[i][c] / n - mu * mu);
            }
            NDArray current = l.mean().getArray();
            current.set(new NDIndex("..."), current.getManager().create(mean, current.getShape()));
            NDArray currentVar = l.var().getArray();
            currentVar.set(new NDIndex("..."), currentVar.getManager().create(var, currentVar.getShape()));
        }
        return layers.size();
    }

    private static void collect(Block block, List<Layer> out) {
        if (out.stream().anyMatch(l -> block.getDirectParameters().values().contains(l.mean()))) {
            return;
        }
        if (block instanceof BatchNorm bn) {
            out.add(new Layer(param(bn, Parameter.Type.RUNNING_MEAN), param(bn, Parameter.Type.RUNNING_VAR),
                    momentumOf(bn)));
        } else if (block instanceof UnscaledBatchNorm bn) {
            out.add(new Layer(param(bn, Parameter.Type.RUNNING_MEAN), param(bn, Parameter.Type.RUNNING_VAR),
                    bn.momentum()));
        }
        block.getChildren().values().forEach(child -> collect(child, out));
    }

    private static Parameter param(Block bn, Parameter.Type type) {
        return bn.getDirectParameters().values().stream().filter(p -> p.getType() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException("BatchNorm without " + type));
    }

    /** DJL's BatchNorm keeps its momentum private and has no getter; the value is needed to undo the update. */
    private static float momentumOf(BatchNorm bn) {
        try {
            Field f = BatchNorm.class.getDeclaredField("momentum");
            f.setAccessible(true);
            return f.getFloat(bn);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read DJL BatchNorm's momentum (DJL version changed?)", e);
        }
    }
}
