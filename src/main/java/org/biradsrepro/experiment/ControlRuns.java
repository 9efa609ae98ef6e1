package org.biradsrepro.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.split.Split;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.train.PairedTraining;
import org.biradsrepro.train.Protocol;

/**
 * The pipeline's controls beside the matrix ({@link Control}), each result computed once per session and written to {@code reportDir/controls/<id>/}, never among the paper's
 * runs. A control calls the matrix's computations (its trainer, and for {@link Control#AA} the matrix run itself)
 * but is not one of them.
 */
final class ControlRuns {

    private final ReproConfig config;
    private final Predicate<String> ownedFiles;
    private final CheckedDataset data;
    private final CellTrainer trainer;
    private final SessionResults results;
    /** The matrix's run of a backbone and a 1-based split, as the session memoises it. */
    private final BiFunction<String, Integer, Experiment.Run> matrix;
    private final Map<String, RunResult> done = new ConcurrentHashMap<>();
    /** The controls whose folder this session has cleared of an earlier session's files. */
    private final Set<Control> cleared = EnumSet.noneOf(Control.class);

    ControlRuns(SessionPlan plan, CheckedDataset data, CellTrainer trainer, SessionResults results,
                BiFunction<String, Integer, Experiment.Run> matrix) {
        this.config = plan.config();
        this.ownedFiles = plan.ownedFiles();
        this.data = data;
        this.trainer = trainer;
        this.results = results;
        this.matrix = matrix;
    }

    /** Where a control's results files go: {@code reportDir/controls/<id>/}. */
    Path dir(Control control) {
        return config.reportDir().resolve("controls").resolve(control.id());
    }

    /**
     * A control's result for a backbone and a 1-based split ({@link Control}), computed the first time it is asked
     * for in this session and written to {@link #dir}; the folder's files from an earlier session are
     * deleted before this session's first (those of this session's cells alone, when it is a shard). Its
     * configuration echo names the control ({@link RunResult#CONTROL_KEY}) and what it changed, so it can never
     * pass for a paper run. The test side is the split's, untouched.
     * <ul>
     *   <li>{@link Control#NOISY_END}: the matrix's paired training of the cell (same sides, features, seeds and
     *       protocol) with early stopping off and its final epochs perturbed ({@link Control#perturbation});
     *       baseline its last-epoch weights, improved its lowest-loss ones, as in the matrix.</li>
     *   <li>{@link Control#AA}: improved is the last-epoch variant of the matrix run's training ({@link
     *       Experiment#run}; taken from the matrix's result when paired, not trained again), baseline the last
     *       epoch of a second training with independent pairing's seeds (the matrix's own second run when {@code repro.pairing=independent}),
     *       pairing {@code independent}, and the kept epoch the first run's last.</li>
     * </ul>
     */
    RunResult result(Control control, String backbone, Split split) {
        return done.computeIfAbsent(control.id() + "/" + FinishedRuns.runKey(backbone, split.index()), k -> {
            clearOnce(control);
            RunResult result = control == Control.NOISY_END ? noisyEnd(backbone, split) : aa(backbone, split);
            ResultsFiles.write(dir(control), result);
            return result;
        });
    }

    /** Deletes what an earlier session left in a control's folder, once, before this session writes there. */
    private void clearOnce(Control control) {
        synchronized (cleared) {
            if (cleared.isEmpty() && config.shard().whole()) {
                deleteRetiredControls();
            }
            if (cleared.add(control)) {
                Path dir = dir(control);
                ResultsFiles.deletePartial(dir, ownedFiles);
                ResultsFiles.runFiles(dir).stream().filter(f -> ownedFiles.test(f.getFileName().toString()))
                        .forEach(ControlRuns::delete);
            }
        }
    }

    /**
     * Deletes the folders of controls this code no longer defines (an earlier design's, e.g. {@code lr-spike}): the
     * page judges every folder under {@code controls/}, and a retired control's verdict would read as current.
     */
    private void deleteRetiredControls() {
        Path root = config.reportDir().resolve("controls");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                if (Control.byId(folder.getFileName().toString()).isEmpty()) {
                    ResultsFiles.runFiles(folder).forEach(ControlRuns::delete);
                    ResultsFiles.deletePartial(folder, name -> true);
                    try (Stream<Path> rest = Files.list(folder)) {
                        if (rest.findAny().isEmpty()) {
                            Files.delete(folder);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear retired controls in " + root.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete an earlier session's control file " + file.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    private RunResult noisyEnd(String backboneId, Split split) {
        Sides sides = data.sides(split);
        Protocol protocol = Protocol.of(config).withoutEarlyStopping().with(Control.NOISY_END.perturbation());
        CellTrainer.TrainedRun perturbed = trainer.trainMain(backboneId, split, sides, protocol,
                Control.NOISY_END.id() + " · split " + split.index());
        return results.evaluated(backboneId, split, () -> RunResults.of(results, perturbed, perturbed, split,
                sides.train().length, sides.validation().length, settings(Control.NOISY_END,
                        "early stopping off; " + protocol.perturbation().describe(protocol.maxEpochs())),
                SessionResults.now()));
    }

    private RunResult aa(String backboneId, Split split) {
        Experiment.Run main = matrix.apply(backboneId, split.index());
        RunResult r = main.result();
        String label = Control.AA.id() + " · split " + split.index();
        RunResult.Variant first;
        RunResult.Variant second;
        RunResult.BaselineRun secondRun;
        if (r.isPaired() && !r.replicates().isEmpty()) {
            // The first replicate is the second run, with the same seeds: its last epoch, not trained again.
            first = r.variants().get(RunResult.BASELINE);
            RunResult.Replicate two = r.replicates().get(0);
            second = two.variants().get(RunResult.BASELINE);
            secondRun = new RunResult.BaselineRun(two.headSeed(), two.shuffleSeed(), two.history(), two.bestEpoch(),
                    two.lastEpoch(), two.stoppedEarly());
        } else if (r.isPaired()) {
            // The matrix's baseline is the first run's last epoch, whether trained now or read from its file.
            first = r.variants().get(RunResult.BASELINE);
            CellTrainer.TrainedRun again = trainer.trainSecond(backboneId, split, data.sides(split), label);
            second = RunResults.lastEpoch(data.dataset(), split, again.outcome());
            secondRun = RunResults.separateRun(again);
        } else {
            // Independent pairing already has the second run: the matrix's baseline. The first run's last epoch is
            // not in the results file; a run reused from one is trained again, the same seeds giving the same run.
            PairedTraining.Outcome o = main.trained().map(Experiment.Run.Trained::outcome)
                    .orElseGet(() -> trainer.trainMain(backboneId, split, data.sides(split), Protocol.of(config), label)
                            .outcome());
            first = RunResults.lastEpoch(data.dataset(), split, o);
            second = r.variants().get(RunResult.BASELINE);
            secondRun = r.baselineRun();
        }
        return results.evaluated(backboneId, split, () -> RunResults.aa(r, first, second, secondRun, settings(Control.AA,
                "improved: the last epoch of the matrix run (head and shuffle seeds '" + Seeds.HEAD + "', '"
                        + Seeds.SHUFFLE + "'); baseline: the last epoch of a second run ('" + Seeds.BASELINE_RUN_HEAD
                        + "', '" + Seeds.BASELINE_RUN_SHUFFLE + "'); no kept epoch"), SessionResults.now()));
    }

    /** The session's settings echo, with the control's id and what it did to the runs it compares. */
    private Map<String, String> settings(Control control, String what) {
        Map<String, String> m = new LinkedHashMap<>(results.settings());
        m.put(RunResult.CONTROL_KEY, control.id());
        m.put(RunResult.CONTROL_DESCRIPTION_KEY, control.description());
        m.put(RunResult.CONTROL_EXPECT_KEY, control.mustBeReproduced() ? RunResult.CONTROL_MUST_REPRODUCE
                : RunResult.CONTROL_MUST_NOT_REPRODUCE);
        m.put("control", what);
        return m;
    }
}
