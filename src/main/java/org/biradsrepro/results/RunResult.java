package org.biradsrepro.results;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one backbone x split run produced, as written to {@code results/<backbone>-split<k>.json}.
 *
 * @param backbone registry id
 * @param backboneVariant the variant built (full size or fixture scale)
 * @param split 1-based split number
 * @param seed the base seed of the run (the split's own seed is in {@code splitSeed})
 * @param splitSeed the seed that drew this split
 * @param config every setting, as {@code repro.*} key and value: pass them back to rerun
 * @param dataset what data the run saw
 * @param versions library, JVM and project versions
 * @param machine where it ran
 * @param history per-epoch losses of the run that gave the improved variant
 * @param monitor the monitored loss (Keras name)
 * @param bestEpoch epoch of the kept (improved) weights
 * @param lastEpoch last epoch trained in that run (the baseline's weights when paired)
 * @param stoppedEarly whether early stopping ended that run before the budget
 * @param pairing {@code paired} (both variants from one run) or {@code independent} (the baseline from a
 *     separate run, {@code baselineRun}); files written before this field existed are paired
 * @param baselineRun the separate run the baseline came from; absent when paired
 * @param weights the backbone's starting weights: source ({@code random}, {@code fixture}, {@code imagenet},
 *                {@code file}), file name, SHA-256, whether Keras' published hash was checked, how fixture weights
 *                were made; empty in files written before weights could be loaded
 * @param training sizes, cost and timings of the run
 * @param variants {@code baseline} (last-epoch weights) and {@code improved} (lowest-loss weights)
 * @param createdAt ISO-8601 time the file was written; with {@code training.seconds} and {@code
 *     training.imagesPerSecond}, the only fields that differ between two runs of the same command, or between a run
 *     stopped and restarted and one that was not (a reused run keeps its file as it was)
 * @param replicates the split's further independent trainings, runs 2 onwards ({@code repro.replicates}); empty in
 *     files written before they existed
 */
public record RunResult(
        String backbone,
        String backboneVariant,
        int split,
        long seed,
        long splitSeed,
        Map<String, String> config,
        DatasetInfo dataset,
        Map<String, String> versions,
        Map<String, String> machine,
        Map<String, String> weights,
        List<Epoch> history,
        String monitor,
        int bestEpoch,
        int lastEpoch,
        boolean stoppedEarly,
        String pairing,
        BaselineRun baselineRun,
        Training training,
        Map<String, Variant> variants,
        String createdAt,
        List<Replicate> replicates) {

    public RunResult {
        // Files written before weights could be loaded have no such field: their backbones were random.
        weights = weights == null ? Map.of("source", "random") : weights;
        // Files written before replicates existed hold one training per split.
        replicates = replicates == null ? List.of() : List.copyOf(replicates);
    }

    /** A result of one training per split (no replicates beyond the first). */
    public RunResult(String backbone, String backboneVariant, int split, long seed, long splitSeed,
                     Map<String, String> config, DatasetInfo dataset, Map<String, String> versions,
                     Map<String, String> machine, Map<String, String> weights, List<Epoch> history, String monitor,
                     int bestEpoch, int lastEpoch, boolean stoppedEarly, String pairing, BaselineRun baselineRun,
                     Training training, Map<String, Variant> variants, String createdAt) {
        this(backbone, backboneVariant, split, seed, splitSeed, config, dataset, versions, machine, weights, history,
                monitor, bestEpoch, lastEpoch, stoppedEarly, pairing, baselineRun, training, variants, createdAt,
                List.of());
    }

    /** This result with {@code more} as its replicates (runs 2 onwards). */
    public RunResult withReplicates(List<Replicate> more) {
        return new RunResult(backbone, backboneVariant, split, seed, splitSeed, config, dataset, versions, machine,
                weights, history, monitor, bestEpoch, lastEpoch, stoppedEarly, pairing, baselineRun, training, variants,
                createdAt, more);
    }

    /**
     * A further independent training of the same split ({@code repro.replicates}): its own head and shuffling
     * seeds, the same data, network and protocol, and both its weight sets evaluated on the split's test side. The
     * result's own fields are the first training; replicates are the second onwards.
     *
     * @param run 2, 3, ...
     * @param headSeed its head's seed
     * @param shuffleSeed its per-epoch shuffling seed
     * @param history its per-epoch losses
     * @param bestEpoch its kept (lowest-loss) epoch
     * @param lastEpoch its last epoch
     * @param stoppedEarly whether early stopping ended it
     * @param variants {@code baseline} (its last-epoch weights) and {@code improved} (its kept weights)
     */
    public record Replicate(int run, long headSeed, long shuffleSeed, List<Epoch> history, int bestEpoch,
                            int lastEpoch, boolean stoppedEarly, Map<String, Variant> variants) {}

    public static final String BASELINE = "baseline";
    public static final String IMPROVED = "improved";
    public static final String PAIRED = "paired";
    public static final String INDEPENDENT = "independent";
    /**
     * The {@link #config} key that names the control a results file belongs to ({@code noisy-end}, {@code a-a}):
     * present in a control's file alone, never in a paper run's, which keeps a control from passing for one (a
     * session finding such a file among its results sees other settings and does not reuse it).
     */
    public static final String CONTROL_KEY = "repro.control";
    /** The {@link #config} key of a control's file that says, in one sentence, what the control does. */
    public static final String CONTROL_DESCRIPTION_KEY = "repro.control.description";
    /**
     * The {@link #config} key of a control's file that says which verdict its pooled primary-metric claim must get:
     * {@link #CONTROL_MUST_REPRODUCE} or {@link #CONTROL_MUST_NOT_REPRODUCE}.
     */
    public static final String CONTROL_EXPECT_KEY = "repro.control.expect";
    public static final String CONTROL_MUST_REPRODUCE = "reproduced";
    public static final String CONTROL_MUST_NOT_REPRODUCE = "not reproduced";

    /**
     * The dataset as the run saw it.
     *
     * @param layout the layout it was read as ({@code folders}, {@code manifest}, {@code kau-bcmd}, ...)
     * @param splitUnit what a split keeps on one side: {@code patient} (with identical files) or {@code image}
     *                  (identical files still kept together)
     * @param officialSplit whether the split is the dataset's own train/test assignment
     * @param patients distinct patient ids; 0 where the layout has none
     * @param trainPatients patients on the training side (validation included); 0 without patient ids
     * @param testPatients patients on the test side; never one of the training side's
     * @param duplicates groups of identical files, each kept on one side of every split
     * @param notes what the data lets a split do and not do (single-image classes, absent classes, grouping)
     */
    public record DatasetInfo(String root, String fingerprint, int images, List<Integer> classCounts,
                              int trainSize, int testSize, int validationSize, List<Integer> testClassCounts,
                              List<Skipped> skipped, String layout, String splitUnit, boolean officialSplit,
                              int patients, int trainPatients, int testPatients, List<Duplicate> duplicates,
                              List<String> notes) {}

    /** Files with identical content: {@code ids} sorted, all labelled {@code label}. */
    public record Duplicate(String contentHash, List<String> ids, int label) {}

    /** A file under the dataset root that was not used, and why. */
    public record Skipped(String id, String reason) {}

    /**
     * The second training run of {@code independent} pairing, whose last-epoch weights are the baseline: same
     * split, frozen backbone and protocol, its own head initialisation and shuffling seeds.
     */
    public record BaselineRun(long headSeed, long shuffleSeed, List<Epoch> history, int bestEpoch, int lastEpoch,
                              boolean stoppedEarly) {}

    /** One epoch; {@code validationLoss} is absent when there is no validation set. */
    public record Epoch(int epoch, double trainLoss, Double validationLoss) {}

    /**
     * @param frozenStages backbone stages frozen (inference mode)
     * @param trainableStages backbone stages trained with the head
     * @param featureCache whether the frozen part's output was cached
     * @param keptValues values copied per snapshot of the kept weights
     * @param trainedImages training images processed over all epochs
     * @param seconds wall time of the training epochs
     * @param imagesPerSecond trainedImages / seconds
     * @param restoreBitExact whether the restored weights reproduced, bit for bit, the outputs recorded when kept
     */
    public record Training(List<String> frozenStages, List<String> trainableStages, boolean featureCache,
                           long keptValues, long trainedImages, double seconds, double imagesPerSecond,
                           boolean restoreBitExact) {}

    /**
     * One way of evaluating the trained network.
     *
     * @param weights which weights: {@code last-epoch} or {@code lowest-loss-epoch}
     * @param epoch the epoch those weights come from
     * @param monitoredLoss their monitored loss
     * @param chance whether these predictions show that anything was learned; absent in files written before the
     *     check existed (the claims recompute it from {@code predictions} either way)
     */
    public record Variant(String weights, int epoch, double monitoredLoss, MetricValues metrics, Chance chance,
                          List<Prediction> predictions) {}

    /**
     * The chance check of one variant's test predictions ({@code metrics.ChanceLevel}): uninformative when every
     * prediction is one class, or when the macro ROC AUC is within {@code chanceBound} of 0.5 (1.96 standard
     * deviations under label shuffling) or undefined. Such a model learned nothing measurable.
     *
     * @param uninformative the verdict of the check
     * @param predictedClasses distinct predicted classes (argmax) over the test images
     * @param rocAucMacro the macro ROC AUC it judged; absent where undefined
     * @param chanceBound the largest distance from 0.5 that chance gives at the two-sided 5% level; absent where
     *     the AUC is undefined
     * @param reason one phrase, e.g. {@code 1 predicted class; macro ROC AUC 0.5312 within 0.5 ± 0.0841}
     */
    public record Chance(boolean uninformative, int predictedClasses, Double rocAucMacro, Double chanceBound,
                         String reason) {}

    /** Metrics on the test side; {@code null} where a value is undefined (a class absent from the test side). */
    public record MetricValues(double accuracy, double precisionMacro, double recallMacro, double f1Macro,
                               double precisionWeighted, double recallWeighted, double f1Weighted,
                               Double rocAucMacro, Double averagePrecisionMacro,
                               List<Integer> rankingUndefinedClasses, List<PerClass> perClass,
                               int[][] confusionMatrix) {}

    /** Per BI-RADS category. */
    public record PerClass(int label, int support, double precision, double recall, double f1, Double rocAuc,
                           Double averagePrecision) {}

    /** One test image: {@code id} is its path relative to the dataset root. */
    public record Prediction(String id, int label, double[] probabilities) {}

    /** Whether both variants come from one training run (true for files that predate the pairing field). */
    public boolean isPaired() {
        return baselineRun == null;
    }

    /** The control this run belongs to ({@link #CONTROL_KEY}); empty for a run of the paper's protocol. */
    public Optional<String> control() {
        return config == null ? Optional.empty() : Optional.ofNullable(config.get(CONTROL_KEY));
    }

    public String fileName() {
        return fileName(backbone, split);
    }

    public static String fileName(String backbone, int split) {
        return backbone + "-split" + split + ".json";
    }
}
