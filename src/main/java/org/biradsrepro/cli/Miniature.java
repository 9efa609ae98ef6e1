package org.biradsrepro.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.biradsrepro.claims.Claims;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.claims.Decomposition;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.phantom.PhantomGenerator;
import org.biradsrepro.phantom.PhantomSpec;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.results.Timings;

/**
 * The miniature at the paper's optimisation budget (issue 21): the paper's class counts at fixture scale
 * ({@link PhantomSpec#miniature()}, generated where it is needed), so that a split trains on about 2,304 images, 72
 * steps an epoch, as the paper's did, instead of the bundled fixture's 9. It runs the matrix once per pre-declared
 * {@link Protocol}, each into its own report folder, and writes {@value #SUMMARY}: the decomposition of the paper's
 * gain per backbone on the primary metric, beside the wall time of each protocol. What it finds (how often the kept
 * epoch differs from the last, whether the claim holds) is an outcome to report, never a target: neither the data,
 * the seeds nor the protocols may change in view of it.
 */
public final class Miniature {

    /** Where the {@code miniature} command writes, relative to the project: one folder per protocol and the summary. */
    public static final String REPORT_DIR = "reports/miniature";

    /** The file the miniature's summary goes to, in its report folder. */
    public static final String SUMMARY = "summary.md";

    /**
     * The protocols, declared before the miniature ever ran. The paper freezes "the lower layers" without saying
     * which; the two ends of that reading are the head alone and the head with the backbone's top stage.
     */
    public enum Protocol {
        HEAD_ONLY("head-only", 0, "the backbone frozen, the new head trained on its cached features"),
        TOP_STAGE("top-stage", 1, "the backbone's top stage trained with the new head, the lower stages frozen");

        private final String id;
        private final int trainableStages;
        private final String description;

        Protocol(String id, int trainableStages, String description) {
            this.id = id;
            this.trainableStages = trainableStages;
            this.description = description;
        }

        public String id() {
            return id;
        }

        public int trainableStages() {
            return trainableStages;
        }

        public String description() {
            return description;
        }
    }

    /** One protocol's run: its report folder, its wall time and its results. */
    public record ProtocolRun(Protocol protocol, Path reportDir, double wallSeconds, List<RunResult> results) {}

    /** The fewest trainings per split that separate the checkpoint effect from run-to-run variance. */
    static final int MIN_REPLICATES = 2;

    private Miniature() {}

    /**
     * Generates the miniature into {@code dataDir} unless a complete copy is there, then runs each protocol into
     * {@code reportRoot/<protocol>/} with the given settings (dataset, report folder, trainable stages and, below 2,
     * replicates replaced), and writes {@code reportRoot/}{@value #SUMMARY}.
     *
     * @param topStageBackbones the backbones the top-stage protocol trains, in the settings' order; empty: all of
     *     them. A training there costs minutes where the head alone takes seconds (it runs the top stage forward and
     *     backward on every image of every epoch), so CI runs it on one backbone
     */
    public static List<ProtocolRun> run(ReproConfig base, List<String> topStageBackbones, Path projectDir, Path dataDir,
                                        Path reportRoot, PrintStream out, PrintStream err) {
        List<String> unknown = topStageBackbones.stream().filter(b -> !base.backbones().contains(b)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("miniature: top-stage backbones " + unknown + " are not among repro.backbones "
                    + base.backbones());
        }
        PhantomSpec spec = PhantomSpec.miniature();
        if (!PhantomGenerator.isComplete(spec, dataDir)) {
            long start = System.nanoTime();
            int written = PhantomGenerator.writeDataset(spec, dataDir).size();
            out.printf(Locale.ROOT, "Wrote the miniature: %d images to %s in %.1f s%n", written, dataDir,
                    (System.nanoTime() - start) / 1e9);
        }
        List<ProtocolRun> runs = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            List<String> backbones = protocol == Protocol.TOP_STAGE && !topStageBackbones.isEmpty()
                    ? base.backbones().stream().filter(topStageBackbones::contains).toList() : base.backbones();
            ReproConfig config = base.toBuilder().dataset(dataDir).reportDir(reportRoot.resolve(protocol.id()))
                    .trainableStages(protocol.trainableStages()).replicates(Math.max(MIN_REPLICATES, base.replicates()))
                    .backbones(backbones).build();
            out.println("Miniature, protocol " + protocol.id() + ": " + protocol.description());
            Timings timings = Main.runExperiment(config, projectDir, out, err);
            runs.add(new ProtocolRun(protocol, config.reportDir(), timings.wallSeconds(),
                    ResultsFiles.readAll(config.reportDir().resolve("results"))));
        }
        write(reportRoot.resolve(SUMMARY), MiniatureSummary.markdown(spec, runs));
        out.println("Wrote " + reportRoot.resolve(SUMMARY));
        return runs;
    }

    /** The decompositions of one protocol's results on the primary metric, by backbone in run order. */
    static List<Decomposition> primary(List<RunResult> results) {
        return Decomposition.of(results).stream().filter(d -> d.metric().equals(Claims.PRIMARY.key())).toList();
    }

    /** The claims file the protocol's run wrote. */
    static ClaimsFile.Contents claims(ProtocolRun run) {
        return ClaimsFile.read(run.reportDir().resolve(ClaimsFile.FILE_NAME));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.toAbsolutePath(), e);
        }
    }
}
