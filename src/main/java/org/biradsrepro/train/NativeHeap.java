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
 * high-water mark, which is what it reached anyway. One limit remains: a thread on one of glibc's secondary arenas
 * (every JVM thread is) still maps a block larger than an arena heap (64 MiB) on its own, which keeps the feature
 * pass's batch the other lever. Numerics are unchanged: only where the bytes live differs, and
 * libtorch zero-fills every allocation ({@link NativeEngine}). Elsewhere than glibc on Linux nothing is changed.
 */
public final class NativeHeap {

    // <malloc.h>
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;

    private NativeHeap() {}

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
