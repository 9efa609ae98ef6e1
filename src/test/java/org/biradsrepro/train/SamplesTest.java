package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

    private static final List<Shape> TWO = List.of(new Shape(2), new Shape(1, 3));

    @Test
    void aRowHoldsEachItemArrayInTurn() {
        float[][] rows = {{1, 2, 10, 11, 12}, {3, 4, 13, 14, 15}, {5, 6, 16, 17, 18}};
        Samples s = new Samples(rows, TWO, new int[] {0, 1, 2});
        try (NDManager m = NDManager.newBaseManager()) {
            NDList b = s.batches(m, 1, 3);
            assertThat(b.get(0).getShape()).isEqualTo(new Shape(2, 2));
            assertThat(b.get(0).toFloatArray()).containsExactly(3, 4, 5, 6);
            assertThat(b.get(1).getShape()).isEqualTo(new Shape(2, 1, 3));
            assertThat(b.get(1).toFloatArray()).containsExactly(13, 14, 15, 16, 17, 18);
            assertThat(s.batchShapes(4)).containsExactly(new Shape(4, 2), new Shape(4, 1, 3));

            float[][] back = new float[2][];
            Samples.unbatch(b, back, 0);
            assertThat(back).isDeepEqualTo(new float[][] {rows[1], rows[2]});
        }
        assertThat(s.subset(new int[] {2}).itemShapes()).isEqualTo(TWO);
    }

    @Test
    void rowsMustFitTheItemShapesAndSingleArrayAccessorsRefuseSeveral() {
        assertThatThrownBy(() -> new Samples(new float[][] {{1, 2, 3}}, TWO, new int[] {0}))
                .hasMessageContaining("row 0 has 3 values").hasMessageContaining("need 5");
        Samples s = new Samples(new float[][] {{1, 2, 10, 11, 12}}, TWO, new int[] {0});
        assertThatThrownBy(s::itemShape).hasMessageContaining("2 arrays");
        assertThatThrownBy(() -> s.batchShape(1)).hasMessageContaining("2 arrays");
    }

    @Test
    void moreRowsThanOneArrayCanHoldFailNamingTheSizeBeforeAnythingIsCopied() {
        // 28,000 images of 3x80x80 floats: 2,150,400,000 bytes, past DJL's int-sized direct buffer. One shared row
        // keeps the test small: the check comes before any copy.
        float[] image = new float[3 * 80 * 80];
        float[][] rows = new float[28_000][];
        java.util.Arrays.fill(rows, image);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Samples.batches(m, rows, List.of(new Shape(3, 80, 80))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("28000 rows of shape (3, 80, 80) are 2,150,400,000 bytes")
                    .hasMessageContaining("2,147,483,647");
        }
    }
}
