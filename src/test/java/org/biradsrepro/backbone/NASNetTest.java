package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import org.junit.jupiter.api.Test;

/** NASNet-A against Keras Applications' published figures. */
class NASNetTest {

    static long count(Block block, Shape input) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            block.initialize(m, DataType.FLOAT32, input);
            return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        }
    }

    @Test
    void counts() {
        System.out.println("mobile " + count(NASNet.build(NASNet.MOBILE).withClassifier(1000), new Shape(1, 3, 224, 224)));
        System.out.println("large " + count(NASNet.build(NASNet.LARGE).withClassifier(1000), new Shape(1, 3, 331, 331)));
    }
}
