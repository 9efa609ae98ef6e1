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
import ai.djl.nn.pooling.Pool;
import org.biradsrepro.train.Initialization;
import org.junit.jupiter.api.Test;

class MultiplyAddsTest {

    @Test
    void countsConvolutionsGroupedConvolutionsAndDenseLayersByHand() {
        Block net = new SequentialBlock()
                // 3 -> 8 channels, 3x3, padding 1 on 10x10: 8 * 3 * 9 products per output position, 100 positions
                .add(Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
                // depthwise 3x3, stride 2, no padding: 10x10 -> 4x4; 8 kernels of 9 values each, 16 positions
                .add(Conv2d.builder().setFilters(8).optGroups(8).setKernelShape(new Shape(3, 3))
                        .optStride(new Shape(2, 2)).build())
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(5).build()); // 8 -> 5
        try (NDManager m = NDManager.newBaseManager()) {
            // Any batch: the count is per image.
            Initialization.initialize(net, m, new Shape(3, 3, 10, 10), 1);
            assertThat(MultiplyAdds.perImage(net)).isEqualTo(8L * 3 * 9 * 100 + 8L * 9 * 16 + 8L * 5);
        }
    }

    @Test
    void mobileNetV3LargeAt224IsThePublishedCount() {
        // Howard et al. 2019 (Searching for MobileNetV3), Table 3: MobileNetV3-Large 1.0 at 224, 219 M multiply-adds.
        Backbone large = BackboneRegistry.build("mobilenetv3", "large", true);
        Block withTop = large.withClassifier(1000);
        try (NDManager m = NDManager.newBaseManager()) {
            Initialization.initialize(withTop, m, new Shape(1, 3, 224, 224), 0);
            assertThat(MultiplyAdds.perImage(withTop) / 1e6).isCloseTo(219, within(219 * 0.03));
        }
    }

    @Test
    void refusesAnUninitialisedNetwork() {
        Block conv = Conv2d.builder().setFilters(2).setKernelShape(new Shape(1, 1)).build();
        assertThatThrownBy(() -> MultiplyAdds.perImage(conv)).isInstanceOf(RuntimeException.class);
    }
}
