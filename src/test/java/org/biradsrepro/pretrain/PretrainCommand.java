package org.biradsrepro.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code pretrain-fixtures} as the Maven execution does: in a child JVM with the pinned kernels
 * ({@link FixtureWeights#PINNED_KERNELS} are read when the native library loads, so a test JVM cannot set them, and
 * without them oneDNN's wider kernels make training differ from run to run), {@link FixtureWeights#THREADS} intra-op
 * threads (the command starts its engine with them).
 */
final class PretrainCommand {

    private PretrainCommand() {}

    /** Runs the command with {@code args}, its output in {@code log}; fails the test, showing the output, unless it succeeds. */
    static void run(Path log, int timeoutMinutes, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "org.biradsrepro.cli.Main", "pretrain-fixtures"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(FixtureWeights.PINNED_KERNELS);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        boolean done = p.waitFor(timeoutMinutes, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done && p.exitValue() == 0).as("pretrain-fixtures %s failed or took over %d min:%n%s",
                String.join(" ", args), timeoutMinutes, output).isTrue();
    }
}
