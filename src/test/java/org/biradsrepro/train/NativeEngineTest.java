package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.biradsrepro.config.ZeroFill;
import org.biradsrepro.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The defect behind "InceptionV3's first epoch has loss NaN" and its fix, shown on one convolution: 20 input
 * channels (not a multiple of oneDNN's 16-channel block), 3x3, 'same' padding, batch 32, as the fixture
 * InceptionV3's 17x17 modules have. libtorch's junk-fill switch fills fresh memory with NaN-like bytes, which
 * makes any read of never-written memory show at once instead of once in a while.
 */
class NativeEngineTest {

    @AfterEach
    void restore() {
        NativeEngine.allocatorFill(NativeEngine.Fill.ZERO);
    }

    @Test
    void theEngineRunsWithTheRequestedThreadsAndAZeroFillingAllocator() {
        NativeEngine.State state = TestEngine.started();
        assertThat(state.threads()).isEqualTo(NativeEngine.libtorchThreads());
        assertThat(NativeEngine.start(state.threads(), state.zeroFill())).as("a second start with the same count")
                .isEqualTo(state);
        assertThat(NativeEngine.zeroFilled()).as("outside a frozen pass").isTrue();
    }

    @Test
    void anotherZeroFillAskedForAfterTheEngineLoadedFailsNamingBoth() {
        NativeEngine.State state = TestEngine.started();
        ZeroFill other = state.zeroFill() == ZeroFill.WHERE_READ ? ZeroFill.EVERYWHERE : ZeroFill.WHERE_READ;
        assertThatThrownBy(() -> NativeEngine.start(state.threads(), other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zero-fills " + state.zeroFill().id())
                .hasMessageContaining(other.id() + " was asked for");
    }

    @Test
    void afterAFrozenPassTheAllocatorZeroFillsEverywhereAgainEvenWhenThePassFails() {
        TestEngine.started();
        assertThatThrownBy(() -> NativeEngine.inferencePass(() -> {
            throw new IllegalStateException("a pass that fails");
        })).hasMessage("a pass that fails");
        assertThat(NativeEngine.zeroFilled()).isTrue();
    }

    @Test
    void aThreadCountAskedForAfterTheEngineLoadedFailsNamingBoth() {
        int loaded = TestEngine.started().threads();
        assertThatThrownBy(() -> NativeEngine.start(loaded + 1, TestEngine.started().zeroFill())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runs " + loaded + " intra-op threads")
                .hasMessageContaining((loaded + 1) + " were asked for");
        assertThat(NativeEngine.running().threads()).isEqualTo(loaded);
    }

    @Test
    void withZeroFilledMemoryTheConvolutionEqualsTheExplicitlyPaddedOneBitForBit() {
        TestEngine.started();
        NativeEngine.allocatorFill(NativeEngine.Fill.ZERO);
        for (int rep = 0; rep < 20; rep++) {
            assertThat(convolutionDiffersFromReference()).as("repetition %d", rep).isFalse();
        }
    }

    @Test
    void withJunkInFreshMemoryTheSameConvolutionIsNotFinite() {
        TestEngine.started();
        NativeEngine.allocatorFill(NativeEngine.Fill.JUNK);
        // The other side of the fix, for the record: a machine whose kernels never read unwritten memory skips.
        assumeTrue(convolutionDiffersFromReference(), "this machine's oneDNN kernel does not read unwritten memory");
    }

    /** True when the 'same' convolution is non-finite or not bit-identical to 'valid' on the zero-padded input. */
    private static boolean convolutionDiffersFromReference() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomUniform(-1, 1, new Shape(32, 20, 9, 9));
            NDArray w = m.randomUniform(-1, 1, new Shape(20, 20, 3, 3));
            NDArray same = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).get(0);
            NDArray padded = x.pad(new Shape(1, 1, 1, 1), 0);
            NDArray valid = Conv2d.conv2d(padded, w, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1).get(0);
            boolean finite = !same.isNaN().any().getBoolean() && !same.isInfinite().any().getBoolean();
            return !finite || !java.util.Arrays.equals(same.toFloatArray(), valid.toFloatArray());
        }
    }
}
