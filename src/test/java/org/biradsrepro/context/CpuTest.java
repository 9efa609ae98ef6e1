package org.biradsrepro.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one /proc/cpuinfo reader, on committed samples (fixtures/cpuinfo), never on this machine's file. */
class CpuTest {

    private static Cpu sample(String name) throws IOException {
        return Cpu.parse(Files.readAllLines(Path.of("fixtures", "cpuinfo", name), StandardCharsets.UTF_8));
    }

    @Test
    void zen4AndZen5ShareTheirModelNameButNotTheirIdentity() throws IOException {
        Cpu zen4 = sample("amd-zen4-epyc.txt");
        Cpu zen5 = sample("amd-zen5-epyc.txt");

        assertThat(zen4.modelName()).isEqualTo(zen5.modelName()).isEqualTo("AMD EPYC");
        assertThat(zen4.identity()).isNotEqualTo(zen5.identity());
        assertThat(zen5.identity()).isEqualTo("AuthenticAMD family 26 model 2; avx avx2 avx512_bf16 avx512_vnni "
                + "avx512bw avx512cd avx512dq avx512f avx512vl avx_vnni f16c fma sse4_1 sse4_2");
        assertThat(zen4.identity()).startsWith("AuthenticAMD family 25 model 17; ").doesNotContain("avx_vnni ");
        assertThat(zen5.familyModel()).hasValue("family 26 model 2");
    }

    @Test
    void intelListsItsMatrixExtensions() throws IOException {
        Cpu spr = sample("intel-sapphire-rapids.txt");

        assertThat(spr.vendor()).isEqualTo("GenuineIntel");
        assertThat(spr.modelName()).isEqualTo("Intel(R) Xeon(R) Platinum 8480+");
        assertThat(spr.flags()).contains("amx_bf16", "amx_int8", "amx_tile", "avx512_fp16", "avx512_bf16")
                .doesNotContain("avx512vbmi", "rdrand", "sse");
        assertThat(spr.identity()).startsWith("GenuineIntel family 6 model 143; ");
    }

    @Test
    void onlyTheFirstProcessorIsReadAndTheSteppingIsLeftOut() {
        List<String> twoParts = List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 26",
                "model\t\t: 2", "model name\t: AMD EPYC", "stepping\t: 1", "flags\t\t: fpu avx2",
                "processor\t: 1", "cpu family\t: 25", "model\t\t: 9", "flags\t\t: fpu avx512f");
        List<String> otherStepping = twoParts.stream().map(l -> l.replace("stepping\t: 1", "stepping\t: 2")).toList();

        assertThat(Cpu.parse(twoParts).identity()).isEqualTo("AuthenticAMD family 26 model 2; avx2");
        assertThat(Cpu.parse(otherStepping)).isEqualTo(Cpu.parse(twoParts));
    }

    @Test
    void aMachineWithoutCpuinfoIsUnknownNotGuessed() {
        Cpu none = Cpu.parse(List.of("Hardware\t: Apple M2"));

        assertThat(none).isEqualTo(Cpu.unknown());
        assertThat(none.familyModel()).isEmpty();
        assertThat(none.identity()).startsWith("unknown family unknown model unknown");
    }
}
