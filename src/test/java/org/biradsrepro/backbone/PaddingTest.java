package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaddingTest {

    /** Expected splits from TensorFlow's documented rule: pad_total = max((ceil(n/s)-1)*s + k - n, 0), odd extra after. */
    @ParameterizedTest(name = "n={0} k={1} s={2} -> {3}/{4}")
    @CsvSource({"224,3,2,0,1", "225,3,2,1,1", "331,3,2,1,1", "112,5,2,1,2", "7,3,1,1,1", "8,1,2,0,0", "331,7,2,3,3", "330,7,2,2,3"})
    void sameSplitFollowsTensorFlow(long n, int k, int s, int before, int after) {
        assertThat(Padding.sameSplit(n, k, s)).containsExactly(before, after);
    }

    @Test
    void correctPadPutsTheExtraRowBottomRightOnEvenInputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(1, 1, 4, 5));
            NDArray y = run(Padding.correctPad(3), m, x);
            // even height: 0 top, 1 bottom; odd width: 1 left, 1 right
            assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 5, 7));
            assertThat(y.get("0,0,0,1").getFloat()).isEqualTo(1f);
            assertThat(y.get("0,0,4,1").getFloat()).isEqualTo(0f);
            assertThat(y.get("0,0,0,0").getFloat()).isEqualTo(0f);
            assertThat(y.get("0,0,0,6").getFloat()).isEqualTo(0f);
        }
    }

    @Test
    void maxPoolFillIsMinusInfinity() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = run(Padding.same(3, 2, Double.NEGATIVE_INFINITY), m, m.zeros(new Shape(1, 2, 6, 6)));
            assertThat(y.getShape()).isEqualTo(new Shape(1, 2, 7, 7));
            assertThat(y.get("0,0,6,6").getFloat()).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(y.get("0,0,0,0").getFloat()).isEqualTo(0f);
        }
    }

    @Test
    void outputShapesAgreeWithTheForwardPass() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = Padding.zeros(1, 2, 3, 4);
            b.initialize(m, DataType.FLOAT32, new Shape(2, 3, 10, 11));
            NDArray y = run(b, m, m.ones(new Shape(2, 3, 10, 11)));
            assertThat(y.getShape()).isEqualTo(b.getOutputShapes(new Shape[] {new Shape(2, 3, 10, 11)})[0])
                    .isEqualTo(new Shape(2, 3, 13, 18));
        }
    }

    private static NDArray run(Block b, NDManager m, NDArray x) {
        return b.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }
}
