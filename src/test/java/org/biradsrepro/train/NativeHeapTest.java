package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import org.junit.jupiter.api.Test;

/**
 * After the engine starts, a libtorch allocation far above glibc's default mmap threshold comes from the heap, not
 * from a mapping of its own; glibc's own count of mmapped blocks ({@code mallinfo2().hblks}) says which.
 */
class NativeHeapTest {

    /** glibc's {@code struct mallinfo2}: ten {@code size_t} counters. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    private static long mmappedBlocks() {
        Function f = NativeLibrary.getInstance("c").getFunction("mallinfo2");
        return ((MallInfo2) f.invoke(MallInfo2.class, new Object[0])).hblks;
    }

    @Test
    void aSixteenMegabyteActivationIsNotMappedOnItsOwn() {
        assumeTrue(Platform.isLinux(), "glibc only");
        NativeEngine.State engine = NativeEngine.ensureStarted();
        assertThat(engine.heapRetained()).isTrue();

        try (NDManager m = NDManager.newBaseManager()) {
            long before = mmappedBlocks();
            // 4 M floats: ResNet152's first activation at 331 px for two images; glibc's default threshold is 128 KiB.
            NDArray big = m.zeros(new Shape(4_000_000));
            long during = mmappedBlocks();
            big.close();

            assertThat(during).as("mmapped blocks while a 16 MB array lives").isEqualTo(before);
        }
    }
}
