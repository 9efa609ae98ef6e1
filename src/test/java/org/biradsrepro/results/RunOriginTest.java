package org.biradsrepro.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.Test;

class RunOriginTest {

    private static final String CODE = "c0de".repeat(16);

    private static SampleRuns.Builder run() {
        return SampleRuns.builder("regnet", 1).version(RunOrigin.CODE, CODE).config("repro.maxEpochs", "8");
    }

    private static RunOrigin origin(SampleRuns.Builder b) {
        return RunOrigin.of(b.build());
    }

    @Test
    void theSameRunHasNoDifferenceOfEitherKind() {
        assertThat(origin(run()).inputDifferences(origin(run()))).isEmpty();
        assertThat(origin(run()).environmentDifferences(origin(run()))).isEmpty();
    }

    @Test
    void aSettingsValueTheDatasetOrTheWeightsAreInputsNamedWithBothValues() {
        RunOrigin now = origin(run().config("repro.maxEpochs", "3").fingerprint("cd".repeat(32))
                .weights("sha256", "ef".repeat(32)));

        assertThat(origin(run().weights("sha256", "01".repeat(32))).inputDifferences(now))
                .extracting(RunOrigin.Difference::toString)
                .containsExactly("repro.maxEpochs: was 8, now 3",
                        "dataset fingerprint (the images' content): was " + "ab".repeat(32) + ", now " + "cd".repeat(32),
                        "weights.sha256: was " + "01".repeat(32) + ", now " + "ef".repeat(32));
        assertThat(origin(run()).settingDifferences(now.settings()))
                .containsExactly(new RunOrigin.Difference("repro.maxEpochs", "8", "3"));
        assertThat(origin(run().weights("sha256", "01".repeat(32))).environmentDifferences(now))
                .as("a field both record is an input, whatever its value").isEmpty();
        assertThat(origin(run()).environmentDifferences(now)).as("a weights field one side lacks is another code's")
                .extracting(RunOrigin.Difference::field).containsExactly("weights.sha256");
    }

    @Test
    void theCodeVersionsAndTheCpuAreEnvironmentButTheHeapIsNot() {
        RunOrigin now = origin(run().version(RunOrigin.CODE, "ee".repeat(32)).version("engine", "PyTorch 2.8.0")
                .machine("cpu", "another cpu").machine("maxHeapMiB", "4096"));

        assertThat(origin(run().version("engine", "PyTorch 2.7.1").machine("maxHeapMiB", "1024")).environmentDifferences(now))
                .extracting(RunOrigin.Difference::field)
                .containsExactlyInAnyOrder("versions.code", "versions.engine", "machine.cpu");
        assertThat(origin(run()).inputDifferences(now)).isEmpty();
    }

    @Test
    void aSettingOnlyOneSideRecordsIsAnotherVersionOfTheCodeNotAnotherChoice() {
        RunOrigin now = origin(run().config("repro.newSetting", "on"));

        assertThat(origin(run()).inputDifferences(now)).isEmpty();
        assertThat(origin(run()).environmentDifferences(now))
                .containsExactly(new RunOrigin.Difference("repro.newSetting", "(none)", "on"));
    }

    @Test
    void codeWithoutAFingerprintIsNeverTheSameCode() {
        // Files written before the fingerprint existed, or code that could not be read: equal is not enough.
        SampleRuns.Builder unknown = SampleRuns.builder("regnet", 1).version(RunOrigin.CODE, "unknown");
        assertThat(origin(unknown).environmentDifferences(origin(unknown)))
                .containsExactly(new RunOrigin.Difference("versions.code", "unknown", "unknown"));

        SampleRuns.Builder none = SampleRuns.builder("regnet", 1).config("repro.maxEpochs", "8");
        assertThat(origin(none).environmentDifferences(origin(none)))
                .containsExactly(new RunOrigin.Difference("versions.code", "(none)", "(none)"));
        assertThat(origin(none).environmentDifferences(origin(run()))).extracting(RunOrigin.Difference::field)
                .isEqualTo(List.of("versions.code"));
    }

    @Test
    void aResultRecordedBeforeTheCpuIdentityIsFromAnotherMachineOnce() {
        // Files written when "cpu" was the model name alone ("AMD EPYC" for Zen 4 and Zen 5 alike) lack the identity.
        RunOrigin now = origin(run().machine("cpuIdentity", "AuthenticAMD family 26 model 2; avx2 avx_vnni"));

        assertThat(origin(run()).environmentDifferences(now)).containsExactly(new RunOrigin.Difference(
                "machine.cpuIdentity", "(none)", "AuthenticAMD family 26 model 2; avx2 avx_vnni"));
        assertThat(origin(run().machine("cpuIdentity", "AuthenticAMD family 25 model 17; avx2")).environmentDifferences(now))
                .extracting(RunOrigin.Difference::field).containsExactly("machine.cpuIdentity");
        assertThat(now.environmentDifferences(now)).isEmpty();
    }
}
