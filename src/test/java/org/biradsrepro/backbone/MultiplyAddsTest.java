package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.biradsrepro.train.Initialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The multiply-add count against the figures the architectures were published with (1000-class top, the input
 * size of the reference), and against hand-counted layers.
 */
class MultiplyAddsTest {

    /**
     * Sources: ResNet-152 11.3e9 at 224 (He et al. 2016, Table 1); Inception-v3 5.71e9 at 299 (torchvision's
     * published GFLOPS for its port of the TensorFlow model, which Keras' is too); MobileNetV3-Large 217e6 at 224
     * (Keras Applications' MobileNetV3 table, MACs); NASNet-A Large 23.8e9 at 331 and Mobile 564e6 at 224 (Zoph et
     * al. 2018, Table 2); RegNetY-800MF 0.8e9 at 224 (Radosavovic et al. 2020, pycls' model zoo). Each figure is
     * rounded to the digits shown, so the count must fall within half a unit of its last digit, no further.
     */
    @ParameterizedTest(name = "{0} at {1} px: {2} multiply-adds")
    @CsvSource({
        "resnet152,    224, 11.3e9, 0.05e9",
        "inceptionv3,  299, 5.71e9, 0.005e9",
        "mobilenetv3,  224, 217e6,  0.5e6",
        "nasnetlarge,  331, 23.8e9, 0.05e9",
        "nasnetmobile, 224, 564e6,  0.5e6",
        "regnet,       224, 0.8e9,  0.05e9",
    })
    void matchesThePublishedCount(String id, int size, double published, double halfUnit) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = BackboneRegistry.build(id, true).withClassifier(1000);
            Initialization.initialize(net, m, new Shape(1, 3, size, size), 0);
            long counted = MultiplyAdds.of(net).total();
            assertThat((double) counted).isCloseTo(published, within(halfUnit));
        }
    }

    @Test
    void countsConvolutionsWithGroupsAndStridesAndDenseLayersByHand() {
        SequentialBlock net = new SequentialBlock()
                .add(KerasLayers.conv(8, 3, 2, 1, 1, true))      // 3 -> 8 channels, 10x10 -> 5x5: 25*8*3*9
                .add(KerasLayers.conv(8, 3, 1, 1, 8, false))     // depthwise: 25*8*1*9
                .add(KerasLayers.conv(4, 1, 1, 0, 2, false))     // 1x1 in 2 groups: 25*4*4*1
                .add(Backbone.poolAndDense(6));                  // 4 -> 6: 24
        try (NDManager m = NDManager.newBaseManager()) {
            Initialization.initialize(net, m, new Shape(2, 3, 10, 10), 0);
            MultiplyAdds.Count count = MultiplyAdds.of(net);
            assertThat(count.layers()).extracting(MultiplyAdds.Layer::multiplyAdds)
                    .containsExactly(25L * 8 * 3 * 9, 25L * 8 * 9, 25L * 4 * 4, 24L);
            assertThat(count.total()).isEqualTo(5400 + 1800 + 400 + 24);
            assertThat(count.flops()).isEqualTo(2 * count.total());
        }
    }

    @Test
    void refusesANetworkThatWasNeverInitialised() {
        Block net = new SequentialBlock().add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).build())
                .add(Linear.builder().setUnits(2).build());
        assertThatThrownBy(() -> MultiplyAdds.of(net)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initialise");
    }
}
