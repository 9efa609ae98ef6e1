package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.biradsrepro.backbone.Chain;
import org.biradsrepro.backbone.UnscaledBatchNorm;
import org.junit.jupiter.api.Test;

/** Recalibrated moving statistics are the population statistics of each BatchNorm's input, whatever the momentum. */
class BatchNormRecalibrationTest {

    @Test
    void firstLayerGetsThePopulationMeanAndVarianceOfItsInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            Conv2d conv = Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).build();
            BatchNorm bn = BatchNorm.builder().optMomentum(0.9997f).optEpsilon(1e-3f).build();
            UnscaledBatchNorm unscaled = new UnscaledBatchNorm(1e-3f, 0.99f);
            Chain net = new Chain().add("conv", conv).add("bn", bn).add("relu", ai.djl.nn.Activation.reluBlock())
                    .add("conv2", Conv2d.builder().setFilters(3).setKernelShape(new Shape(1, 1)).build())
                    .add("bn2", unscaled);
            Initialization.initialize(net, m, new Shape(1, 2, 10, 10), 7);
            m.getEngine().setRandomSeed(3);
            NDArray all = m.randomNormal(2f, 3f, new Shape(32, 2, 10, 10), ai.djl.ndarray.types.DataType.FLOAT32);
            List<NDList> chunks = List.of(new NDList(all.get("0:16")), new NDList(all.get("16:32")));

            int layers = BatchNormRecalibration.recalibrate(net, chunks, m);

            assertThat(layers).isEqualTo(2);
            NDArray x = conv.forward(new ParameterStore(m, false), new NDList(all), false).singletonOrThrow();
            NDArray perChannel = x.transpose(1, 0, 2, 3).reshape(4, -1);
            float[] mean = perChannel.mean(new int[] {1}).toFloatArray();
            float[] var = perChannel.sub(perChannel.mean(new int[] {1}, true)).square().mean(new int[] {1}).toFloatArray();
            float[] runningMean = running(bn, Parameter.Type.RUNNING_MEAN);
            float[] runningVar = running(bn, Parameter.Type.RUNNING_VAR);
            for (int c = 0; c < 4; c++) {
                assertThat(runningMean[c]).as("mean %d", c).isCloseTo(mean[c], within(1e-4f * (1 + Math.abs(mean[c]))));
                // chunk variances are PyTorch's unbiased ones: n/(n-1) with n = 16 x 8 x 8
                assertThat(runningVar[c]).as("var %d", c).isCloseTo(var[c], within(2e-3f * var[c]));
            }
        }
    }

    private static float[] running(ai.djl.nn.Block bn, Parameter.Type type) {
        return bn.getDirectParameters().values().stream().filter(p -> p.getType() == type).findFirst().orElseThrow()
                .getArray().toFloatArray();
    }
}
