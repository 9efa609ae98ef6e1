package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.biradsrepro.backbone.Chain;
import org.biradsrepro.backbone.NASNet;
import org.biradsrepro.backbone.Padding;
import org.biradsrepro.backbone.TransferNetwork;
import org.junit.jupiter.api.Test;

/** The frozen part's outputs as cached rows: one array per image, or several (NASNet's x and p). */
class FeatureCacheTest {

    /** {@code n} seeded Gaussian 3 x size x size images. */
    static Samples images(int n, int size) {
        SplittableRandom rng = new SplittableRandom(5);
        float[][] rows = new float[n][3 * size * size];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return new Samples(rows, new Shape(3, size, size), new int[n]);
    }

    @Test
    void twoOutputsPerImageAreCachedSideBySideAndMatchAPassOverTheWholeBatch() {
        TransferNetwork net = TransferNetwork.of(NASNet.build(NASNet.MOBILE_FIXTURE), 1, 6);
        Samples input = images(5, 40);
        try (NDManager m = NDManager.newBaseManager()) {
            Initialization.initialize(net.frozen(), m, input.batchShape(1), 4);
            // batches of 2: the last one is short
            Samples cached = FeatureCache.extract(net.frozen(), input, m, 2);
            NDList direct = net.frozen().forward(new ParameterStore(m, false), input.batches(m, 0, 5), false);

            assertThat(direct).hasSize(2);
            assertThat(cached.itemShapes()).containsExactly(direct.get(0).getShape().slice(1), direct.get(1).getShape().slice(1));
            NDList again = cached.batches(m, 0, 5);
            for (int part = 0; part < 2; part++) {
                float[] expected = direct.get(part).toFloatArray();
                float[] actual = again.get(part).toFloatArray();
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("part %d value %d", part, i).isCloseTo(expected[i], within(1e-5f * (1 + Math.abs(expected[i]))));
                }
            }
        }
    }

    @Test
    void aBlockThatHandsItsInputOnKeepsItAlive() {
        // a zero-width pad returns its input itself; freeing the "previous" activation must not free the next one
        Block chain = new Chain().add("relu_1", Activation.reluBlock()).add("no_pad", Padding.zeros(0, 0, 0, 0))
                .add("relu_2", Activation.reluBlock());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-1, 2, -3, 4}, new Shape(1, 1, 2, 2));
            NDList out = FeatureCache.forwardFreeing(chain, new NDList(x), new ParameterStore(m, false));
            assertThat(out.singletonOrThrow().toFloatArray()).containsExactly(0, 2, 0, 4);
            assertThat(x.toFloatArray()).as("the caller's input stays open").containsExactly(-1, 2, -3, 4);
        }
    }
}
