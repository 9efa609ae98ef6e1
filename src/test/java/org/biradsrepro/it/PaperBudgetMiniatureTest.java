package org.biradsrepro.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.claims.Decomposition;
import org.biradsrepro.cli.Miniature;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.phantom.PhantomGenerator;
import org.biradsrepro.results.RunResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The miniature at the paper's budget (issue 21), its own CI step ({@code ./mvnw -Pminiature test}): both pre-declared
 * protocols on all six backbones, 5 splits, two trainings a split, into {@code reports/miniature/}. What is checked is
 * that it ran what it claims to have run (the paper's class counts, the paper's steps an epoch, both weight sets of
 * both trainings, a decomposition that adds up, the top stage really trained); never which verdict it reached, which
 * is an outcome to report ({@code reports/miniature/summary.md}).
 *
 * <p>Tagged {@code miniature}: tens of minutes on 2 cores (head-only on six backbones, then top-stage on one), too
 * long for {@code verify}, whose fixture set runs the same path in a few minutes.
 */
@Tag("miniature")
class PaperBudgetMiniatureTest {

    /**
     * The top-stage protocol's backbone here, declared with it, for CI time alone (about 20 minutes a backbone on 2
     * cores): the paper's first; {@code miniature} runs all six.
     */
    private static final List<String> TOP_STAGE_BACKBONES = List.of("regnet");

    private static final int[] PAPER_COUNTS = {225, 1865, 278, 387, 102, 24};

    private static List<Miniature.ProtocolRun> runs;
    private static Path reportRoot;
    private static String console;

    @BeforeAll
    static void runBothProtocols() {
        ReproConfig config = MatrixSession.config();
        Path projectDir = MatrixSession.projectDir();
        reportRoot = projectDir.resolve(Miniature.REPORT_DIR);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            runs = Miniature.run(config, TOP_STAGE_BACKBONES, projectDir, projectDir.resolve(PhantomGenerator.MINIATURE_DIR), reportRoot,
                    out, System.err);
        }
        console = captured.toString(StandardCharsets.UTF_8);
        System.out.print(console);
    }

    @Test
    @DisplayName("both protocols ran every backbone x split of the configuration, two trainings each")
    void everyCellTwice() {
        assertThat(runs).extracting(Miniature.ProtocolRun::protocol).containsExactly(Miniature.Protocol.values());
        ReproConfig config = MatrixSession.config();
        for (Miniature.ProtocolRun run : runs) {
            int backbones = run.protocol() == Miniature.Protocol.TOP_STAGE ? TOP_STAGE_BACKBONES.size()
                    : config.backbones().size();
            assertThat(run.results()).as(run.protocol().id()).hasSize(backbones * config.splits());
            assertThat(run.results()).allSatisfy(r -> {
                assertThat(r.replicates()).as("%s %s", run.protocol().id(), r.fileName()).hasSize(1);
                assertThat(r.replicates().get(0).variants()).containsKeys(RunResult.BASELINE, RunResult.IMPROVED);
                assertThat(r.variants()).containsKeys(RunResult.BASELINE, RunResult.IMPROVED);
                assertThat(r.config()).containsEntry("repro.trainableStages",
                        Integer.toString(run.protocol().trainableStages()));
            });
        }
    }

    @Test
    @DisplayName("the paper's class counts, and about 72 optimisation steps an epoch as the paper's split had")
    void thePapersBudget() {
        for (Miniature.ProtocolRun run : runs) {
            for (RunResult r : run.results()) {
                assertThat(r.dataset().classCounts()).as(r.fileName()).containsExactly(Arrays.stream(PAPER_COUNTS).boxed()
                        .toArray(Integer[]::new));
                int batch = Integer.parseInt(r.config().get("repro.batchSize"));
                int steps = (r.dataset().trainSize() - r.dataset().validationSize() + batch - 1) / batch;
                assertThat(steps).as("%s steps an epoch", r.fileName()).isBetween(72, 73);
                assertThat(r.dataset().testClassCounts().get(5)).as("%s BI-RADS 5 in the test side", r.fileName())
                        .isBetween(4, 5);
            }
        }
    }

    @Test
    @DisplayName("the decomposition covers every backbone and metric, and its cross-run gain splits exactly")
    void decompositionAddsUp() {
        for (Miniature.ProtocolRun run : runs) {
            ClaimsFile.Contents claims = ClaimsFile.read(run.reportDir().resolve(ClaimsFile.FILE_NAME));
            Map<String, List<Decomposition>> byBackbone = claims.decomposition().stream()
                    .collect(Collectors.groupingBy(Decomposition::backbone));
            assertThat(byBackbone.keySet()).as(run.protocol().id()).containsExactlyInAnyOrderElementsOf(
                    run.results().stream().map(RunResult::backbone).distinct().toList());
            assertThat(byBackbone.values()).allSatisfy(ds -> assertThat(ds).hasSize(ClaimedMetric.values().length));
            for (Decomposition d : claims.decomposition()) {
                String what = run.protocol().id() + " " + d.backbone() + " " + d.metric();
                assertThat(d.trainings()).as(what).isEqualTo(2 * d.splits().size());
                assertThat(d.crossRunGain()).as(what)
                        .isCloseTo(d.crossRunCheckpointPart() + d.crossRunAaPart(), within(1e-12));
                assertThat(d.firingRate()).as(what).isBetween(d.firingLower95(), d.firingUpper95());
            }
        }
    }

    @Test
    @DisplayName("the top-stage protocol trained the top stage: its predictions are not the head-only protocol's")
    void topStageTrained() {
        List<RunResult> head = runs.get(0).results();
        List<RunResult> top = runs.get(1).results();
        for (RunResult t : top) {
            assertThat(t.training().trainableStages()).as(t.fileName()).hasSize(1);
            RunResult h = head.stream().filter(x -> x.fileName().equals(t.fileName())).findFirst().orElseThrow();
            assertThat(h.training().trainableStages()).as(h.fileName()).isEmpty();
            assertThat(probabilities(t)).as("%s: top-stage and head-only last-epoch outputs", t.fileName())
                    .isNotEqualTo(probabilities(h));
        }
    }

    @Test
    @DisplayName("the summary names every backbone of both protocols, their wall times and the machine")
    void summaryWritten() throws IOException {
        String summary = Files.readString(reportRoot.resolve(Miniature.SUMMARY), StandardCharsets.UTF_8);
        for (Miniature.ProtocolRun run : runs) {
            assertThat(summary).contains("## " + run.protocol().id(), String.format(java.util.Locale.ROOT,
                    "Wall time %.0f s", run.wallSeconds()));
        }
        for (Miniature.ProtocolRun run : runs) {
            run.results().forEach(r -> assertThat(summary).contains("| " + r.backbone() + " |"));
        }
        assertThat(summary).contains("Machine: ");
        assertThat(console).contains("Wrote " + reportRoot.resolve(Miniature.SUMMARY));
    }

    private static List<String> probabilities(RunResult r) {
        return r.variants().get(RunResult.BASELINE).predictions().stream()
                .map(p -> p.id() + Arrays.toString(p.probabilities())).toList();
    }
}
