package org.biradsrepro.pretrain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Pretraining refuses to start where oneDNN's wider kernels could hand it NaN gradients. */
class PinnedKernelsTest {

    @Test
    void withoutTheCapsTheCommandSaysHowToRunIt() {
        assumeTrue(!"SSE41".equals(System.getenv("ONEDNN_MAX_CPU_ISA")), "kernels are pinned in this JVM");
        assertThatThrownBy(FixtureWeights::requirePinnedKernels).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ONEDNN_MAX_CPU_ISA=SSE41").hasMessageContaining(FixtureWeights.COMMAND);
    }
}
