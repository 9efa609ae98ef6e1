package org.biradsrepro.experiment;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.context.RunContext;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.split.Split;
import org.biradsrepro.progress.Console;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.progress.StageKind;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunOrigin;
import org.biradsrepro.results.RunResult;

/**
 * The session's results: what every results file of it records besides its runs (settings, dataset, starting
 * weights, versions, machine), which finished runs of its folder it may therefore reuse, and the evaluation and
 * writing of each cell's trainings as a {@link RunResult} ({@link RunResults} draws the records).
 */
final class SessionResults {

    private final SessionPlan plan;
    private final Dataset dataset;
    private final Map<String, String> versions;
    private final Map<String, String> machine;
    private final Progress progress;

    private SessionResults(SessionPlan plan, Dataset dataset, Map<String, String> versions, Map<String, String> machine,
                           Progress progress) {
        this.plan = plan;
        this.dataset = dataset;
        this.versions = versions;
        this.machine = machine;
        this.progress = progress;
    }

    /** Versions and machine are read once per session: neither the checkout nor the machine changes between runs. */
    static SessionResults of(SessionPlan plan, Dataset dataset, Path projectDir, Progress progress) {
        RunContext context = Provenance.context(plan.settings(), projectDir, plan.engine(), plan.device(),
                plan.config().shard());
        return new SessionResults(plan, dataset, context.versions().toMap(), context.machine().toMap(), progress);
    }

    /**
     * The finished runs this session takes as they are, by {@link FinishedRuns#runKey}. A folder holds the runs of
     * one origin: earlier runs that match are reused, others never merge in; {@code console} hears which.
     */
    Map<String, RunResult> resume(FinishedRuns finished, Console console) {
        Map<String, StartingWeights> weights = plan.weights();
        return finished.resume(backbone -> new RunOrigin(plan.settings(), dataset.fingerprint(),
                weights.containsKey(backbone) ? weights.get(backbone).describe() : Map.of(), versions, machine),
                config().onIncompatibleResults(), console);
    }

    /** A cell's trainings evaluated on its test side and written to the results folder: the matrix's result. */
    RunResult write(Split split, Sides sides, CellTrainer.CellRuns runs) {
        return evaluated(runs.improved().backbone().id(), split, () -> {
            List<RunResult.Replicate> replicates = new ArrayList<>();
            for (int i = 0; i < runs.replicates().size(); i++) {
                replicates.add(RunResults.replicate(i + 2, dataset, split, runs.replicates().get(i)));
            }
            RunResult result = RunResults.of(this, runs.improved(), runs.baseline(), split, sides.train().length,
                    sides.validation().length, settings(), now()).withReplicates(replicates);
            ResultsFiles.write(resultsDir(), result);
            return result;
        });
    }

    /** {@code result}, drawn while the progress display shows a backbone's evaluation of a split's test side. */
    RunResult evaluated(String backboneId, Split split, Supplier<RunResult> result) {
        try (Progress.Stage evaluation = progress.start(StageKind.EVALUATION, backboneId, split.test().length)) {
            RunResult r = result.get();
            evaluation.advance(split.test().length);
            return r;
        }
    }

    Path resultsDir() {
        return config().reportDir().resolve("results");
    }

    ReproConfig config() {
        return plan.config();
    }

    Dataset dataset() {
        return dataset;
    }

    Map<String, String> settings() {
        return plan.settings();
    }

    /** What the results say of a backbone's starting weights: source, file, SHA-256, how they were made. */
    Map<String, String> weightsOf(String backboneId) {
        return plan.weightsOf(backboneId).describe();
    }

    Map<String, String> versions() {
        return versions;
    }

    Map<String, String> machine() {
        return machine;
    }

    /** A results file's creation time, to the second. */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
