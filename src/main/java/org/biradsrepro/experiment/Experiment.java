package org.biradsrepro.experiment;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.split.Split;
import org.biradsrepro.progress.Console;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.results.Cell;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.train.NativeEngine;
import org.biradsrepro.train.PairedTraining;

/**
 * One reproduction session over a dataset, and the one door to it: it wires the stages, each a class read alone,
 * and trains each backbone x split once (memoised), so that the baseline and the improved test cases of a split
 * share one run.
 * <ol>
 *   <li>{@link SessionPlan}: the cells, the finished runs' settings, backbones and weights, engine and device;</li>
 *   <li>{@link CheckedDataset}: scan, every image decoded once to check it, the splits, validation sides;</li>
 *   <li>{@link SessionResults}: provenance, the finished runs reused, each cell evaluated and written;</li>
 *   <li>{@link FrozenFeatures}: {@link CachedFeatures} (the default; key from {@link FeatureKeys} alone) or
 *       {@link EndToEndFeatures};</li>
 *   <li>{@link CellTrainer}: the runs of a cell, paired or independent ({@link PairingStrategy}), replicates;
 *       {@link ControlRuns}: the controls beside the matrix.</li>
 * </ol>
 *
 * <p>A session resumes: finished runs already in its results folder are reused when their settings, dataset,
 * starting weights, code and machine match ({@link FinishedRuns}), so a run killed at any moment and started again
 * ends with the results an uninterrupted run gives (timestamps and timings apart, {@link RunResult}).
 */
public final class Experiment implements AutoCloseable {

    /**
     * A finished backbone x split: its results file contents and, when this session trained it, the raw outcomes
     * for checks the file does not carry. A run reused from an earlier session's results file has its result alone.
     */
    public record Run(RunResult result, Optional<Trained> trained) {

        /**
         * The trainings behind a result: {@code outcome} gave the improved variant, {@code baselineOutcome} the
         * baseline: the same object when paired, a separate run when independent.
         */
        public record Trained(PairedTraining.Outcome outcome, PairedTraining.Outcome baselineOutcome) {}

        /** Whether the result was read back from an earlier session's results file rather than trained in this one. */
        public boolean reused() {
            return trained.isEmpty();
        }
    }

    /** {@code repro.featureBatch}'s fixture default, which FeatureCacheEquivalenceTest sizes its dataset against. */
    static final int EXTRACT_BATCH = 32;

    private final SessionPlan plan;
    private final CheckedDataset data;
    private final SessionResults results;
    private final NDManager manager;
    private final FrozenFeatures features;
    private final CellTrainer trainer;
    private final ControlRuns controls;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final int reusedRuns;

    private Experiment(SessionPlan plan, CheckedDataset data, SessionResults results, Map<String, RunResult> reused,
                       Progress progress, Console console) {
        this.plan = plan;
        this.data = data;
        this.results = results;
        this.manager = NDManager.newBaseManager(plan.device());
        ReproConfig config = plan.config();
        CheckedFeaturePass pass = new CheckedFeaturePass(config.featureBatch(), data.dataset(), progress);
        this.features = config.featureCache()
                ? new CachedFeatures(config, data.dataset(), data.decode(),
                        new FeatureKeys(config, data.dataset(), results.versions(), results.machine()), pass, console)
                : new EndToEndFeatures(data.images(), pass);
        this.trainer = new CellTrainer(plan, features, manager, progress);
        this.controls = new ControlRuns(plan, data, trainer, results, this::run);
        reused.forEach((key, result) -> runs.put(key, new Run(result, Optional.empty())));
        this.reusedRuns = reused.size();
    }

    /**
     * The engine every session of this JVM runs on, started with {@code repro.threads} intra-op threads: the one
     * place where a configuration decides the thread count. Start it once, before anything touches DJL, and hand
     * the value to {@link #open} and {@link ShardPlan}; starting it again with another count fails
     * ({@link NativeEngine#start}).
     */
    public static NativeEngine.State startEngine(ReproConfig config) {
        return NativeEngine.start(config.threads(), config.zeroFill());
    }

    /**
     * Validates everything that can be validated before training ({@link SessionPlan}, {@link CheckedDataset}) and
     * decides what to do with the finished runs in the results folder: reuse them, stop, or compute them again.
     * Reports nothing, neither progress nor notes: for tests.
     *
     * @param engine the engine of this JVM, started by {@link #startEngine} with the configuration's thread count
     */
    public static Experiment open(ReproConfig config, Path projectDir, NativeEngine.State engine) {
        return open(config, projectDir, engine, Progress.NONE, Console.NONE);
    }

    /**
     * As {@link #open(ReproConfig, Path, NativeEngine.State)}, reporting every stage of the session to
     * {@code progress}, and telling {@code console} what a person should know (finished runs reused or deleted,
     * damaged cache entries, engine advice).
     */
    public static Experiment open(ReproConfig config, Path projectDir, NativeEngine.State engine, Progress progress,
                                  Console console) {
        SessionPlan plan = SessionPlan.of(config, projectDir, engine, console);
        CheckedDataset data = CheckedDataset.open(config, progress);
        SessionResults results = SessionResults.of(plan, data.dataset(), projectDir, progress);
        return new Experiment(plan, data, results, results.resume(plan.finished(), console), progress, console);
    }

    public ReproConfig config() {
        return plan.config();
    }

    public Dataset dataset() {
        return data.dataset();
    }

    public List<Split> splits() {
        return data.splits();
    }

    /** What the results say of a backbone's starting weights: source, file, SHA-256, how they were made. */
    public Map<String, String> weightsOf(String backboneId) {
        return results.weightsOf(backboneId);
    }

    /** How many runs this session took from an earlier session's results files instead of training them. */
    public int reusedRuns() {
        return reusedRuns;
    }

    /** Times the frozen part's output was assembled for the whole dataset: once per backbone with the cache on. */
    public int featureExtractions() {
        return features.counts().extractions();
    }

    /** The backbone x split cells of this session's shard ({@code repro.shard}), in run order: all of them by default. */
    public List<Cell> cells() {
        return plan.cells();
    }

    /** The machine as the results record it (CPU model, cores, engine threads, heap, operating system). */
    public Map<String, String> machine() {
        return results.machine();
    }

    /** The versions the results record (suite, commit, DJL, engine, Java). */
    public Map<String, String> versions() {
        return results.versions();
    }

    /** Batches of the feature pass that ran through the frozen part; 0 when every one came from disk. */
    public int featureBatchesComputed() {
        return features.counts().batchesComputed();
    }

    /** Batches of the feature pass read from the feature cache on disk ({@code repro.featureCacheDir}). */
    public int featureBatchesFromDisk() {
        return features.counts().batchesFromDisk();
    }

    /** Feature cache entries on disk found damaged, reported and computed again. */
    public int damagedFeatureEntries() {
        return features.counts().damagedEntries();
    }

    /** Float values of decoded images held now: 0 with the feature cache (streamed), all and their copies without. */
    long heldImageValues() {
        return features.counts().heldImageValues();
    }

    /** The most images a feature pass of this session held decoded at once. */
    int largestImageBatch() {
        return features.counts().largestImageBatch();
    }

    public Path resultsDir() {
        return results.resultsDir();
    }

    /**
     * The run for a backbone and a 1-based split, training it the first time it is asked for, unless an earlier
     * session of the same origin finished it (then its results file is the run, untouched).
     */
    public Run run(String backbone, int splitIndex) {
        Split split = data.split(splitIndex);
        return runs.computeIfAbsent(FinishedRuns.runKey(backbone, splitIndex), k -> {
            Sides sides = data.sides(split);
            CellTrainer.CellRuns trained = trainer.train(backbone, split, sides);
            RunResult result = results.write(split, sides, trained);
            return new Run(result, Optional.of(new Run.Trained(trained.improved().outcome(), trained.baseline().outcome())));
        });
    }

    /** Where a control's results files go: {@code reportDir/controls/<id>/}, never among the paper's runs. */
    public Path controlDir(Control control) {
        return controls.dir(control);
    }

    /**
     * A control's result for a backbone and a 1-based split ({@link Control}), computed the first time it is asked
     * for in this session and written to {@link #controlDir}; what each control computes: {@link ControlRuns}.
     */
    public RunResult control(Control control, String backbone, int splitIndex) {
        Split split = data.split(splitIndex);
        plan.weightsOf(backbone); // refuses a backbone of no cell of this session before any work
        return controls.result(control, backbone, split);
    }

    /** The settings echo every results file records: enough to rerun ({@link SessionPlan#settings}). */
    public Map<String, String> settings() {
        return plan.settings();
    }

    @Override
    public void close() {
        manager.close();
    }
}
