package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** TensorFlow's 'same' average pooling, whose expected values follow from its definition by hand. */
class SameAveragePoolTest {

    /** The mean is computed as (sum / k^2) / (inside / k^2), which may differ from sum / inside in the last bit. */
    private static final Offset<Float> CLOSE = Offset.offset(1e-5f);

    private static NDArray run(SameAveragePool pool, NDArray x) {
        pool.initialize(x.getManager(), DataType.FLOAT32, x.getShape());
        return pool.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).singletonOrThrow();
    }

    @Test
    void strideOneKeepsTheSizeAndAveragesOnlyCellsInsideTheImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            // x[r][c] = 4r + c on a 4x4 grid; the corner window covers rows 0-1 and columns 0-1: mean 2.5.
            NDArray y = run(new SameAveragePool(3, 1), m.arange(16f).reshape(1, 1, 4, 4));
            assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 4, 4));
            assertThat(y.toFloatArray()).containsExactly(new float[] {
                    2.5f, 3f, 4f, 4.5f,
                    4.5f, 5f, 6f, 6.5f,
                    8.5f, 9f, 10f, 10.5f,
                    10.5f, 11f, 12f, 12.5f}, CLOSE);
        }
    }

    @Test
    void strideTwoOnAnEvenSizePadsOnlyAfter() {
        try (NDManager m = NDManager.newBaseManager()) {
            // TensorFlow: out 2, pad total (2-1)*2 + 3 - 4 = 1, all of it after. Windows: rows/cols {0,1,2} and {2,3}.
            NDArray y = run(new SameAveragePool(3, 2), m.arange(16f).reshape(1, 1, 4, 4));
            assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
            assertThat(y.toFloatArray()).containsExactly(new float[] {5f, 6.5f, 11f, 12.5f}, CLOSE);
        }
    }

    @Test
    void djlsOwnFlagStillCountsThePadding() {
        // Why this block exists: DJL 0.36 on PyTorch ignores countIncludePad=false. If this starts failing, DJL has
        // fixed it and Pool.avgPool2dBlock(.., false) could replace SameAveragePool for symmetric cases.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray djl = Pool.avgPool2d(m.ones(new Shape(1, 1, 3, 3)), new Shape(3, 3), new Shape(1, 1), new Shape(1, 1),
                    false, false);
            assertThat(djl.getFloat(0, 0, 0, 0)).isEqualTo(4f / 9f);
        }
    }

    @Test
    void rejectsANonPositiveKernelOrStride() {
        assertThatThrownBy(() -> new SameAveragePool(0, 1)).hasMessageContaining("kernel 0");
        assertThatThrownBy(() -> new SameAveragePool(3, 0)).hasMessageContaining("stride 0");
    }
}
