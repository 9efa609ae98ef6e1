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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.biradsrepro.config.ZeroFill;
import org.biradsrepro.testing.TestEngine;

/**
 * After the engine starts, a libtorch allocation far above glibc's default mmap threshold comes from the heap, not
 * from a mapping of its own; glibc's own count of mmapped blocks ({@code mallinfo2().hblks}) says which. With the
 * one arena the build's JVMs run with, so does a block larger than a secondary arena's 64 MiB heaps.
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
        assertThat(TestEngine.started().heapRetained()).isTrue();
        // 4 M floats: ResNet152's first activation at 331 px for two images; glibc's default threshold is 128 KiB.
        assertThat(mmappedBlocksWhileAlive(4_000_000)).as("mmapped blocks while a 16 MB array lives").isZero();
    }

    @Test
    void theBuildsTestJvmsRunWithOneArena() {
        assumeTrue(Platform.isLinux(), "glibc only");
        assertThat(NativeHeap.singleArena()).as("MALLOC_ARENA_MAX=1 from the pom's surefire/failsafe environment")
                .isTrue();
        assertThat(TestEngine.started().singleArena()).isTrue();
    }

    @Test
    void aHundredMegabyteActivationComesFromTheHeapOnAJvmThreadToo() {
        assumeTrue(Platform.isLinux() && NativeHeap.singleArena(), "glibc with MALLOC_ARENA_MAX=1 (the build's JVMs)");
        TestEngine.started();
        // 25 M floats, 100 MB: NASNetLarge's stem output at 331 px for a batch of 8 is of this order. On a secondary
        // arena, whose heaps are 64 MiB, glibc maps a block this large on its own whatever mallopt says (tried: this
        // assertion fails without MALLOC_ARENA_MAX=1).
        assertThat(mmappedBlocksWhileAlive(25_000_000)).as("mmapped blocks while a 100 MB array lives").isZero();
    }

    /** How many more blocks glibc has mapped on their own while a libtorch array of {@code floats} lives. */
    private static long mmappedBlocksWhileAlive(long floats) {
        try (NDManager m = NDManager.newBaseManager()) {
            long before = mmappedBlocks();
            NDArray big = m.zeros(new Shape(floats));
            long during = mmappedBlocks();
            big.close();
            return during - before;
        }
    }

    @Test
    void aRunWithoutOneArenaIsToldWhatToSet() {
        NativeEngine.State perThread = new NativeEngine.State("PyTorch 2.7.1", 2, ZeroFill.WHERE_READ, true, false);
        NativeEngine.State shared = new NativeEngine.State("PyTorch 2.7.1", 2, ZeroFill.WHERE_READ, true, true);
        NativeEngine.State notGlibc = new NativeEngine.State("PyTorch 2.7.1", 2, ZeroFill.WHERE_READ, false, false);

        assertThat(perThread.arenaNote()).contains("MALLOC_ARENA_MAX=1 is not set").contains("Results are the same");
        assertThat(shared.arenaNote()).isEmpty();
        assertThat(notGlibc.arenaNote()).as("nothing to tune off glibc").isEmpty();
    }

    @Test
    void oneArenaIsReadFromEitherSpelling() {
        assertThat(NativeHeap.singleArena(Map.of("MALLOC_ARENA_MAX", "1"))).isTrue();
        assertThat(NativeHeap.singleArena(Map.of("MALLOC_ARENA_MAX", " 1 "))).isTrue();
        assertThat(NativeHeap.singleArena(Map.of("MALLOC_ARENA_MAX", "2"))).isFalse();
        assertThat(NativeHeap.singleArena(Map.of("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1:glibc.malloc.arena_max=1")))
                .isTrue();
        assertThat(NativeHeap.singleArena(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=16"))).isFalse();
        assertThat(NativeHeap.singleArena(Map.of())).isFalse();
    }

}
