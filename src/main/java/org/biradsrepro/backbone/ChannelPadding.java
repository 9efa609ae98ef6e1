package org.biradsrepro.backbone;

import ai.djl.ndarray.NDList;
import java.util.function.Supplier;

/**
 * Which convolutions read channel padding that oneDNN never wrote, and what runs around them.
 *
 * <p>With AVX-512 (AVX2: 8) oneDNN copies a convolution's input into blocks of 16 channels. When a group's input
 * channels are not a multiple of the block, the copy's last block is padded with memory from libtorch's allocator
 * that some kernels read without writing (the NaN features of issue 9; {@code train.NativeEngine} tells the whole
 * story). The padded weights are zero, so those reads are harmless where the allocator zero-fills fresh memory, and
 * only there. Zero-filling every allocation of a frozen pass costs a memset per activation, reorder and temporary
 * (a quarter of a full-size ResNet152 batch); so the frozen pass zero-fills inside these convolutions alone
 * ({@code train.NativeEngine}, {@code repro.zeroFill=where-read}).
 *
 * <p>The rule is the block arithmetic, not a list of kernels known to misbehave, so it holds for kernels that
 * behave today and may not tomorrow: a group of more than one input channel that is not a multiple of 16.
 * Depthwise convolutions (one input channel a group) are left out: each output channel reads its own input
 * channel, so padded inputs only reach padded outputs, which the copy back to the caller's layout drops. A
 * junk-filled pass at the production shapes ({@code train.ZeroFillWhereReadTest}) holds the rule to account.
 */
public final class ChannelPadding {

    /** oneDNN's AVX-512 channel block; a multiple of it is one of AVX2's 8 too. */
    static final int CHANNEL_BLOCK = 16;

    /** What runs a convolution that reads its padding: around its forward call, on the calling thread. */
    @FunctionalInterface
    public interface Zeroing {
        NDList around(Supplier<NDList> convolution);
    }

    /** Where the allocator zero-fills every allocation anyway: the convolution as it is. */
    private static final Zeroing AS_IS = Supplier::get;

    private static volatile Zeroing zeroing = AS_IS;

    private ChannelPadding() {}

    /** True when a convolution over {@code inChannels} in {@code groups} groups can read unwritten padding. */
    public static boolean readsUnwrittenPadding(long inChannels, int groups) {
        long perGroup = inChannels / groups;
        return perGroup > 1 && perGroup % CHANNEL_BLOCK != 0;
    }

    /**
     * Runs {@code pass} with {@code z} around every convolution of it that reads unwritten padding. The allocator's
     * switches are process-wide, so passes do not overlap: a second one while one runs fails.
     */
    public static synchronized <T> T around(Zeroing z, Supplier<T> pass) {
        if (zeroing != AS_IS) {
            throw new IllegalStateException("a pass with its own zeroing is already running: passes must not overlap");
        }
        zeroing = z;
        try {
            return pass.get();
        } finally {
            zeroing = AS_IS;
        }
    }

    /** The zeroing of the pass that runs now ({@link PaddingSafeConv2d}). */
    static NDList zeroed(Supplier<NDList> convolution) {
        return zeroing.around(convolution);
    }
}
