package org.biradsrepro.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.results.ResultsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9}, then the same command again: a real {@code run} process on the bundled phantoms is killed
 * (SIGKILL, {@link Process#destroyForcibly()}) as soon as its first results file appears, started again with the same
 * command, and must end with results identical, byte for byte, to those of an uninterrupted run, apart from the
 * fields that record when and how fast ({@link #UNREPEATABLE}); the runs it had finished are reused, not trained
 * again. Small on purpose (two cheap backbones, 2 splits, 3 epochs, 32 px): three processes of about 9 CPU
 * seconds each (user and system; 2-core AMD EPYC, other work on the machine).
 */
class ResumeAfterKillIT {

    /** The fields of a results file that differ between two runs of the same command: when, and how fast. */
    static final List<String> UNREPEATABLE = List.of("createdAt", "training.seconds", "training.imagesPerSecond");

    /** Fixed costs (JVM, engine, first forward pass, report) dominate: 32 px and 3 epochs change nothing to the point. */
    private static final List<String> SETTINGS = List.of("-Drepro.backbones=mobilenetv3,regnet", "-Drepro.splits=2",
            "-Drepro.maxEpochs=3", "-Drepro.imageSize=32");
    private static final int RUNS = 4;

    @TempDir
    Path tmp;

    @Test
    @Timeout(600)
    void aRunKilledAfterItsFirstResultsFileResumesAndEndsAsAnUninterruptedRunWould() throws Exception {
        Path killed = tmp.resolve("killed");
        Path results = killed.resolve("results");

        long started = System.nanoTime();
        Process first = start(killed, tmp.resolve("first.log"));
        while (first.isAlive() && ResultsFiles.runFiles(results).isEmpty()) {
            Thread.sleep(2);
        }
        assertThat(first.isAlive()).as("still running when its first results file appeared; its output:\n%s",
                log(tmp.resolve("first.log"))).isTrue();
        first.destroyForcibly();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        List<Path> finished = ResultsFiles.runFiles(results);
        System.out.printf("Killed after %.1f s with %d of %d results files%n", seconds(started), finished.size(), RUNS);
        assertThat(finished).as("killed before the end").isNotEmpty().hasSizeLessThan(RUNS);
        Map<Path, String> contents = new LinkedHashMap<>(); // text: a failure then shows the lines that differ
        Map<Path, FileTime> times = new LinkedHashMap<>();
        for (Path f : finished) {
            contents.put(f, Files.readString(f, StandardCharsets.UTF_8));
            times.put(f, Files.getLastModifiedTime(f));
        }

        started = System.nanoTime();
        String again = runToTheEnd(killed, tmp.resolve("again.log"));
        System.out.printf("Restarted and finished in %.1f s%n", seconds(started));
        assertThat(again).contains("birads-repro: reusing " + finished.size() + " finished run"
                + (finished.size() == 1 ? " " : "s "));
        for (Path f : finished) {
            assertThat(Files.readString(f, StandardCharsets.UTF_8)).as("%s reused as it was, not trained again",
                    f.getFileName()).isEqualTo(contents.get(f));
            assertThat(Files.getLastModifiedTime(f)).as("%s not rewritten", f.getFileName()).isEqualTo(times.get(f));
        }

        Path whole = tmp.resolve("uninterrupted");
        started = System.nanoTime();
        runToTheEnd(whole, tmp.resolve("uninterrupted.log"));
        System.out.printf("Uninterrupted run: %.1f s%n", seconds(started));
        List<String> names = ResultsFiles.runFiles(whole.resolve("results")).stream()
                .map(p -> p.getFileName().toString()).toList();
        assertThat(names).hasSize(RUNS);
        assertThat(ResultsFiles.runFiles(results).stream().map(p -> p.getFileName().toString()).toList())
                .isEqualTo(names);
        for (String name : names) {
            assertThat(repeatable(results.resolve(name))).as(name)
                    .isEqualTo(repeatable(whole.resolve("results").resolve(name)));
        }
        assertThat(Files.readString(killed.resolve(ClaimsFile.FILE_NAME)))
                .isEqualTo(Files.readString(whole.resolve(ClaimsFile.FILE_NAME)));
    }

    /**
     * The file as text without {@link #UNREPEATABLE}'s fields. Numbers keep the text they were written with, so
     * equal texts are equal bits.
     */
    private static String repeatable(Path file) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        for (String field : UNREPEATABLE) {
            assertThat(ResultsFiles.remove(json, field)).as("%s in %s", field, file).isTrue();
        }
        return json.toString();
    }

    private static String runToTheEnd(Path reportDir, Path log) throws Exception {
        Process p = start(reportDir, log);
        boolean ended = p.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = log(log);
        assertThat(ended && p.exitValue() == 0).as("run ended with 0; its output:\n%s", output).isTrue();
        return output;
    }

    /** {@code java -cp <test classpath> org.biradsrepro.cli.Main run} with {@link #SETTINGS}, output to {@code log}. */
    private static Process start(Path reportDir, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_interop_threads=1",
                "-Drepro.projectDir=" + MatrixSession.projectDir(), "-Drepro.reportDir=" + reportDir));
        command.addAll(SETTINGS);
        command.addAll(List.of("org.biradsrepro.cli.Main", "run"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE"); // as the build sets it for tests (pom.xml)
        return pb.start();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String log(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)";
    }
}
