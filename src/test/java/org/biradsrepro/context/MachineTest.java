package org.biradsrepro.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MachineTest {

    private static final Cpu ZEN5 = new Cpu("AuthenticAMD", "26", "2", "AMD EPYC", new TreeSet<>(List.of("avx2", "avx_vnni")));

    private static Machine machine(String note) {
        return new Machine("cpu()", "1/2", ZEN5, 2, 2, note.isEmpty() ? 2 : 4, note, "zero-filled", true, true, 1024, "Linux 6 amd64");
    }

    @Test
    void resultsKeepTheKeysTheyHaveAlwaysHadAndGainTheCpuIdentity() {
        assertThat(machine("").toMap()).containsOnlyKeys("device", "shard", "cpu", "cpuIdentity", "availableProcessors",
                "engineThreads", "allocator", "nativeHeap", "maxHeapMiB", "os")
                .containsEntry("cpu", "AMD EPYC")
                .containsEntry("cpuIdentity", "AuthenticAMD family 26 model 2; avx2 avx_vnni")
                .containsEntry("nativeHeap", "freed memory kept for reuse (glibc M_MMAP_MAX=0, M_TRIM_THRESHOLD max), "
                        + "one malloc arena (MALLOC_ARENA_MAX=1)");
        assertThat(machine("not honoured").toMap()).containsEntry("engineThreadsRequested", "4")
                .containsEntry("engineThreadsNote", "not honoured");
    }

    @Test
    void theNumericIdentityIsWhatCanChangeANumberAndNothingElse() {
        assertThat(Machine.numericIdentity(machine("").toMap())).containsOnlyKeys(Machine.NUMERIC_KEYS)
                .containsEntry("device", "cpu()").containsEntry("engineThreads", "2");
    }
}
