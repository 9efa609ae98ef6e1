package org.biradsrepro.context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a number was computed on and how the engine ran there, as the results record it ({@link #toMap()}:
 * the keys results files have always had, plus {@code cpuIdentity}).
 *
 * @param device the device the networks ran on ({@code repro.device} resolved), e.g. {@code cpu()}
 * @param shard the part of the matrix this process ran ({@code repro.shard}); says which job wrote a file
 * @param cpu the processor
 * @param availableProcessors the JVM's processor count
 * @param engineThreads libtorch's intra-op thread count as it reports it, not as asked
 * @param engineThreadsRequested the thread count asked for
 * @param engineThreadsNote why the count asked for was not honoured; empty when it was
 * @param allocator where libtorch's CPU allocator zero-fills fresh memory (the oneDNN NaN defect; repro.zeroFill)
 * @param heapRetained whether freed native memory is kept for reuse (glibc M_MMAP_MAX=0, M_TRIM_THRESHOLD max)
 * @param singleArena whether glibc runs one malloc arena ({@code MALLOC_ARENA_MAX=1}, train.NativeHeap)
 * @param maxHeapMiB the JVM's maximum heap
 * @param os operating system name, version and architecture
 */
public record Machine(String device, String shard, Cpu cpu, int availableProcessors, int engineThreads,
                      int engineThreadsRequested, String engineThreadsNote, String allocator,
                      boolean heapRetained, boolean singleArena, long maxHeapMiB, String os) {

    /**
     * The recorded fields that can change a figure: the device, the CPU (its name, and its identity: oneDNN picks
     * kernels by instruction set), the engine's thread count (the order of floating-point sums) and where the
     * allocator zero-fills. The others (shard, heap, processors, arena, operating system) say where and how fast a
     * run happened and change no number, so a restart with another {@code -Xmx} still resumes. A new field that can
     * change a number is one more entry here: results reuse and the feature cache both compare these.
     */
    public static final List<String> NUMERIC_KEYS = List.of("device", "cpu", "cpuIdentity", "engineThreads", "allocator");

    /** The machine's fields under the keys results files use, in the order they are written. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("device", device);
        m.put("shard", shard);
        m.put("cpu", cpu.modelName());
        m.put("cpuIdentity", cpu.identity());
        m.put("availableProcessors", Integer.toString(availableProcessors));
        m.put("engineThreads", Integer.toString(engineThreads));
        if (!engineThreadsNote.isEmpty()) {
            m.put("engineThreadsRequested", Integer.toString(engineThreadsRequested));
            m.put("engineThreadsNote", engineThreadsNote);
        }
        m.put("allocator", allocator);
        m.put("nativeHeap", !heapRetained ? "C library defaults"
                : "freed memory kept for reuse (glibc M_MMAP_MAX=0, M_TRIM_THRESHOLD max), "
                + (singleArena ? "one malloc arena (MALLOC_ARENA_MAX=1)" : "an arena per thread"));
        m.put("maxHeapMiB", Long.toString(maxHeapMiB));
        m.put("os", os);
        return m;
    }

    /** The {@link #NUMERIC_KEYS} a recorded machine holds, with their values, in that order. */
    public static Map<String, String> numericIdentity(Map<String, String> recorded) {
        Map<String, String> m = new LinkedHashMap<>();
        NUMERIC_KEYS.stream().filter(recorded::containsKey).forEach(k -> m.put(k, recorded.get(k)));
        return m;
    }
}
