package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.function.Function;
import org.biradsrepro.config.IncompatibleResultsPolicy;
import org.biradsrepro.progress.Console;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunOrigin;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a session does with the results files it finds: hand-built files, nothing trained. */
class FinishedRunsTest {

    private static final String CODE = "c0de".repeat(16);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final Console log = Console.printingTo(new PrintStream(logBytes, true, StandardCharsets.UTF_8));
    private Path split1;
    private Path split2;

    private static SampleRuns.Builder run(int split) {
        return SampleRuns.builder("regnet", split).version(RunOrigin.CODE, CODE).config("repro.maxEpochs", "8")
                .weights("sha256", "01".repeat(32));
    }

    /** The origin the session would record, from a run built like the files but changed by {@code change}. */
    private static Function<String, RunOrigin> now(Function<SampleRuns.Builder, SampleRuns.Builder> change) {
        return backbone -> RunOrigin.of(change.apply(run(1)).build());
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void twoFinishedRuns() {
        split1 = ResultsFiles.write(dir, run(1).build());
        split2 = ResultsFiles.write(dir, run(2).build());
    }

    @Test
    void runsOfTheSameOriginAreReusedAndTheirFilesLeftUntouched() throws IOException {
        byte[] bytes = Files.readAllBytes(split1);
        FileTime written = Files.getLastModifiedTime(split1);

        Map<String, RunResult> reused = FinishedRuns.read(dir).resume(now(b -> b), IncompatibleResultsPolicy.FAIL, log);

        assertThat(reused).containsOnlyKeys("regnet#1", "regnet#2");
        assertThat(reused.get("regnet#1")).usingRecursiveComparison().isEqualTo(run(1).build());
        assertThat(Files.readAllBytes(split1)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(split1)).isEqualTo(written);
        assertThat(log()).contains("reusing 2 finished runs").contains("regnet-split1.json, regnet-split2.json");
    }

    @Test
    void anotherSettingStopsTheRunNamingKeyAndBothValuesAndDeletesNothing() throws IOException {
        Path damaged = dir.resolve("regnet-split3.json");
        Files.writeString(damaged, "{\"truncated\": ");
        Map<String, String> settings = run(1).config("repro.maxEpochs", "3").build().config();

        assertThatThrownBy(() -> FinishedRuns.read(dir).checkSettings(settings, IncompatibleResultsPolicy.FAIL))
                .isInstanceOf(IncompatibleResultsException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("repro.maxEpochs: was 8, now 3 (all 2 files)")
                .hasMessageContaining("repro.onIncompatibleResults=restart")
                .hasMessageContaining("another repro.reportDir");
        assertThat(split1).exists();
        assertThat(split2).exists();
        assertThat(damaged).as("nothing is deleted before every check has passed").exists();
        FinishedRuns.read(dir).checkSettings(settings, IncompatibleResultsPolicy.RESTART);
    }

    @Test
    void otherWeightsOrDataStopTheRunWhenEverythingIsKnown() {
        assertThatThrownBy(() -> FinishedRuns.read(dir).resume(now(b -> b.weights("sha256", "ef".repeat(32))
                .fingerprint("cd".repeat(32))), IncompatibleResultsPolicy.FAIL, log))
                .isInstanceOf(IncompatibleResultsException.class)
                .hasMessageContaining("weights.sha256: was " + "01".repeat(32) + ", now " + "ef".repeat(32))
                .hasMessageContaining("dataset fingerprint (the images' content): was " + "ab".repeat(32));
        assertThat(split1).exists();
        assertThat(split2).exists();
    }

    @Test
    void restartDeletesRunsOfOtherInputsAndSaysWhy() {
        Map<String, RunResult> reused = FinishedRuns.read(dir).resume(now(b -> b.config("repro.maxEpochs", "3")),
                IncompatibleResultsPolicy.RESTART, log);

        assertThat(reused).isEmpty();
        assertThat(split1).doesNotExist();
        assertThat(split2).doesNotExist();
        assertThat(log()).contains("repro.onIncompatibleResults=restart").contains("repro.maxEpochs: was 8, now 3");
    }

    @Test
    void runsOfOtherCodeAreComputedAgainEvenWhenTheRunWouldStopForOtherInputs() {
        Map<String, RunResult> reused = FinishedRuns.read(dir).resume(now(b -> b.version(RunOrigin.CODE, "ee".repeat(32))),
                IncompatibleResultsPolicy.FAIL, log);

        assertThat(reused).isEmpty();
        assertThat(split1).doesNotExist();
        assertThat(split2).doesNotExist();
        assertThat(log()).contains("other code or on another machine")
                .contains("versions.code: was " + CODE + ", now " + "ee".repeat(32));
    }

    @Test
    void damagedMisnamedAndHalfWrittenFilesAreDeletedAnnouncedAndComputedAgain() throws IOException {
        Path truncated = dir.resolve("regnet-split3.json");
        String whole = Files.readString(split1);
        Files.writeString(truncated, whole.substring(0, whole.length() / 2));
        Files.writeString(split2, whole); // split 1's contents under split 2's name
        Path partial = dir.resolve("regnet-split4.json" + ".tmp");
        Files.writeString(partial, whole.substring(0, 100));

        Map<String, RunResult> reused = FinishedRuns.read(dir).resume(now(b -> b), IncompatibleResultsPolicy.FAIL, log);

        assertThat(reused).containsOnlyKeys("regnet#1");
        assertThat(split1).exists();
        assertThat(truncated).doesNotExist();
        assertThat(split2).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(log()).contains(truncated.toAbsolutePath() + " cannot be used (")
                .contains("not a birads-repro results file")
                .contains(split2.toAbsolutePath() + " cannot be used (it holds regnet split 1, which belongs in regnet-split1.json)")
                .contains("computed again")
                .contains("reusing 1 finished run from");
    }

    @Test
    void anEmptyOrMissingFolderHasNothingToReuseOrCheck() {
        Path missing = dir.resolve("none");
        FinishedRuns.read(missing).checkSettings(Map.of("repro.maxEpochs", "3"), IncompatibleResultsPolicy.FAIL);
        assertThat(FinishedRuns.read(missing).resume(now(b -> b), IncompatibleResultsPolicy.FAIL, log)).isEmpty();
        assertThat(log()).isEmpty();
        assertThat(missing).doesNotExist();
    }
}
