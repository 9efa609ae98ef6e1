package org.biradsrepro.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.results.Cell;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fanned-out run simulated on this machine: shard processes (real JVMs, as a CI matrix or an Indexed Job starts
 * them) run at the same time as one process that runs the whole matrix, on a tiny configuration; the {@code merge}
 * command, a process too, joins the shards. The merged results files equal the whole run's apart from
 * {@link ResultsFiles#TIMINGS}, and the two {@code claims.json} are byte-identical.
 */
class ShardSimulationIT {

    private static final int SHARDS = 2;

    @TempDir
    Path tmp;

    @Test
    void concurrentShardProcessesMergeIntoTheSingleProcessResult() throws Exception {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 6, 4, 4, 3, 3}, 9);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("repro.profile", "fixture");
        settings.put("repro.dataset", data.toString());
        settings.put("repro.backbones", "resnet152,mobilenetv3");
        settings.put("repro.splits", "2");
        settings.put("repro.maxEpochs", "2");
        settings.put("repro.imageSize", "32");
        settings.put("repro.seed", "5");
        settings.put("repro.threads", "1"); // three JVMs share the machine
        settings.put("repro.decodeCache", "off");

        List<Process> processes = new ArrayList<>();
        processes.add(start(settings, "all", tmp.resolve("whole"), "run"));
        for (int i = 1; i <= SHARDS; i++) {
            processes.add(start(settings, i + "/" + SHARDS, tmp.resolve("shard-" + i), "run"));
        }
        for (Process p : processes) {
            finish(p);
        }
        List<String> merge = new ArrayList<>(List.of("merge", tmp.resolve("merged").toString()));
        for (int i = 1; i <= SHARDS; i++) {
            merge.add(tmp.resolve("shard-" + i).toString());
        }
        finish(start(settings, "all", tmp.resolve("unused"), merge.toArray(String[]::new)));

        List<RunResult> whole = ResultsFiles.readAll(tmp.resolve("whole/results"));
        List<RunResult> merged = ResultsFiles.readAll(tmp.resolve("merged/results"));
        assertThat(merged).map(Cell::of).containsExactlyElementsOf(whole.stream().map(Cell::of).toList()).hasSize(4);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(ResultsFiles.withoutTimings(merged.get(i))).as(whole.get(i).fileName())
                    .isEqualTo(ResultsFiles.withoutTimings(whole.get(i)));
        }
        // Each shard wrote its own cells alone, and they differ in the shard that ran them.
        for (int i = 1; i <= SHARDS; i++) {
            List<RunResult> own = ResultsFiles.readAll(tmp.resolve("shard-" + i + "/results"));
            String id = i + "/" + SHARDS;
            assertThat(own).isNotEmpty().hasSizeLessThan(4)
                    .allSatisfy(r -> assertThat(r.machine()).containsEntry("shard", id));
        }
        assertThat(Files.readString(tmp.resolve("merged/claims.json")))
                .isEqualTo(Files.readString(tmp.resolve("whole/claims.json")));
        assertThat(ClaimsFile.read(tmp.resolve("merged/claims.json")).coverage().complete()).isTrue();
    }

    private static Process start(Map<String, String> settings, String shard, Path reportDir, String... command)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Drepro.shard=" + shard, "-Drepro.reportDir=" + reportDir,
                "-Drepro.projectDir=" + MatrixSession.projectDir()));
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-cp", classpath(), "org.biradsrepro.cli.Main"));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(Files.createDirectories(reportDir).resolve("console.txt").toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb.start();
    }

    private static void finish(Process p) throws Exception {
        String command = String.join(" ", p.info().arguments().map(List::of).orElse(List.of()));
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("finished in time: %s", command).isTrue();
        assertThat(p.exitValue()).as("exit status of %s", command).isZero();
    }

    /** The test class path: surefire and failsafe pass it in a property when they launch through a manifest jar. */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path", "");
        return cp.isBlank() ? System.getProperty("java.class.path") : cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }
}
