package org.biradsrepro.train;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Keeps the memory of freed activations in the process heap, for the next batch to reuse, instead of handing it back
 * to the kernel.
 *
 * <p><b>Why.</b> glibc serves every allocation above its mmap threshold (at most 32 MiB) with a fresh {@code mmap}
 * and returns it with {@code munmap} when freed. A full-size network's activations at 331x331 are tens to hundreds
 * of MiB per layer and batch, so every layer of every batch maps new pages, takes a page fault per 4 KiB and has the
 * kernel zero them, then unmaps them again: measured on full-size ResNet152 at 331 px, batch 16, the system time was
 * half the user time. With mmap off ({@code M_MMAP_MAX=0}) and trimming off ({@code M_TRIM_THRESHOLD} at its
 * maximum), large blocks come from the heap and stay there once freed; the process's resident memory stays at its
 * high-water mark, which is what it reached anyway.
 *
 * <p><b>The arena, which only the environment can set.</b> That covers the main arena, the one the process's first
 * thread uses. Every other thread, and the JVM runs all Java code on others, gets a secondary arena made of 64 MiB
 * heaps: a block larger than that is still mapped on its own and unmapped when freed, and a heap that empties is
 * unmapped whatever the settings say, so the next batch faults its pages in again. Measured through the paper
 * profile's feature pass on 48 paper-sized images (2-core AMD EPYC, Zen 5): NASNetLarge 0.8 images/s with
 * per-thread arenas, 1.6 with one; RegNet 7.0 against 19.0 (324 images). glibc fixes a thread's arena at its first
 * allocation and the JVM's threads allocate long before any Java code runs, so {@code mallopt(M_ARENA_MAX)} from
 * here would come too late: {@code MALLOC_ARENA_MAX=1} (or {@code GLIBC_TUNABLES=glibc.malloc.arena_max=1}) must
 * be in the environment the JVM starts in. The benchmarks, {@code bench/paper-protocol.sh}, the fan-out workflow,
 * Kubernetes job, container image and the test JVMs set it; the fixture pretraining does not need it;
 * {@link #singleArena} says whether this process has it, and results record it.
 *
 * <p>Numerics are unchanged: only where the bytes live differs, and libtorch zero-fills every allocation
 * ({@link NativeEngine}). Elsewhere than glibc on Linux nothing is changed.
 */
public final class NativeHeap {

    // <malloc.h>
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;

    /** The environment variable that gives every thread the main arena when it is 1. */
    public static final String ARENA_MAX_VARIABLE = "MALLOC_ARENA_MAX";

    private NativeHeap() {}

    /** Whether this process's threads share glibc's one arena ({@code MALLOC_ARENA_MAX=1} or its tunable). */
    public static boolean singleArena() {
        return Platform.isLinux() && singleArena(System.getenv());
    }

    static boolean singleArena(java.util.Map<String, String> environment) {
        String max = environment.get(ARENA_MAX_VARIABLE);
        if (max != null) {
            return max.strip().equals("1");
        }
        String tunables = environment.getOrDefault("GLIBC_TUNABLES", "");
        return java.util.Arrays.stream(tunables.split(":")).map(String::strip)
                .anyMatch("glibc.malloc.arena_max=1"::equals);
    }

    /** Turns mmap-per-allocation and trimming off; says whether glibc accepted both (false off glibc/Linux). */
    static boolean retainFreedMemory() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            boolean mmapOff = mallopt.invokeInt(new Object[] {M_MMAP_MAX, 0}) == 1;
            boolean trimOff = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, Integer.MAX_VALUE}) == 1;
            return mmapOff && trimOff;
        } catch (UnsatisfiedLinkError e) { // a C library without mallopt (musl): nothing to tune
            return false;
        }
    }
}
