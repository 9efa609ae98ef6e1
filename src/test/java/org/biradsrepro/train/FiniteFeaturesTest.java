package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.List;
import org.biradsrepro.backbone.Chain;
import org.biradsrepro.backbone.Concatenation;
import org.junit.jupiter.api.Test;

class FiniteFeaturesTest {

    /** relu, then two branches of which the second blows up on values above 10 (an image with one bright pixel). */
    private static Block network() {
        Block overflow = new LambdaBlock(l -> new NDList(l.singletonOrThrow().sub(10).exp().mul(Float.MAX_VALUE)));
        return new Chain().add("relu_1", Activation.reluBlock())
                .add("mixed0", new Concatenation()
                        .add("branch_a", new Chain().add("identity_a", new LambdaBlock(l -> l)))
                        .add("branch_b", new Chain().add("identity_b", new LambdaBlock(l -> l)).add("exp_layer", overflow)))
                .add("relu_2", Activation.reluBlock());
    }

    private static Samples rows(float... firstValues) {
        float[][] r = new float[firstValues.length][];
        for (int i = 0; i < r.length; i++) {
            r[i] = new float[] {firstValues[i], 0.5f};
        }
        return new Samples(r, new Shape(2), new int[firstValues.length]);
    }

    @Test
    void finiteFeaturesPass() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatCode(() -> FiniteFeatures.check("net", rows(1, 2), List.of("a.png", "b.png"), network(), rows(1, 2), m))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void nonFiniteFeaturesNameTheBackboneTheImagesAndTheFirstLayerThatWentNonFinite() {
        Samples input = rows(1, 20, 3, 40);
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = network();
            Samples features = FeatureCache.extract(net, input, m, 2);
            assertThatThrownBy(() -> FiniteFeatures.check("inceptionv3-fixture", features,
                    List.of("a.png", "bright.png", "c.png", "brighter.png"), net, input, m))
                    .isInstanceOf(NonFiniteFeaturesException.class)
                    .hasMessageContaining("inceptionv3-fixture")
                    .hasMessageContaining("for 2 of 4 images (bright.png, brighter.png)")
                    .hasMessageContaining("mixed0/branch_b/exp_layer")
                    .hasMessageContaining("not a learning-rate problem")
                    .satisfies(e -> assertThat(((NonFiniteFeaturesException) e).imageIds())
                            .containsExactly("bright.png", "brighter.png"));
        }
    }

    @Test
    void aNonFiniteImageIsNamedAsSuch() {
        Samples input = rows(Float.NaN, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> FiniteFeatures.check("net", input, List.of("nan.png", "ok.png"), network(), input, m))
                    .hasMessageContaining("the image itself (nan.png) already holds a non-finite value");
        }
    }
}
