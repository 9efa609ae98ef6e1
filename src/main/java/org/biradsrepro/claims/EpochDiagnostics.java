package org.biradsrepro.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.biradsrepro.metrics.ChanceLevel;
import org.biradsrepro.results.RunResult;

/**
 * The diagnostics the claim turns on, per backbone. First, when the kept (lowest-loss) weights are the last
 * epoch's, the two variants are the same network and the claim cannot show anything on that split. How far apart
 * the two epochs were, and whether early stopping fired (with patience p it stops p epochs after the best, so the
 * two can never coincide then), explain each split's difference. Second, whether each variant learned anything
 * ({@link ChanceLevel}, recomputed here from the stored probabilities so that files written before the check
 * existed are judged the same way): shown beside the verdicts as a diagnostic. It excludes nothing: whether a
 * claim was applied depends on whether the two weight sets differed ({@link Verdict#NOT_EXERCISED}), not on whether
 * the model beat chance, and a model that predicts one class still ranks the test images.
 *
 * @param backbone registry id
 * @param runs one line per split, in split order
 * @param keptIsLast splits whose kept weights are the last epoch's (no difference possible when paired)
 * @param stoppedEarly splits where early stopping ended the run that gave the kept weights
 * @param meanEpochsApart mean of last epoch minus kept epoch over the splits
 * @param maxEpochsApart the largest such gap
 * @param uninformativeRuns runs (split x variant) judged uninformative, of twice the number of splits
 * @param learnedNothing splits whose two variants are both uninformative
 */
public record EpochDiagnostics(String backbone, List<Run> runs, int keptIsLast, int stoppedEarly,
                               double meanEpochsApart, int maxEpochsApart, int uninformativeRuns, int learnedNothing) {

    /**
     * One split.
     *
     * @param split 1-based split number
     * @param bestEpoch epoch of the kept weights (the improved variant)
     * @param lastEpoch last epoch of that run
     * @param epochsApart lastEpoch - bestEpoch
     * @param keptIsLast whether the kept weights are the last epoch's
     * @param stoppedEarly whether early stopping ended that run before the epoch budget
     * @param baselineLastEpoch the epoch of the baseline's weights: lastEpoch when paired, the separate run's last
     *     epoch when independent
     * @param baselineStoppedEarly whether early stopping ended the run the baseline came from
     * @param baselineUninformative whether the baseline's test predictions are uninformative ({@link ChanceLevel})
     * @param baselineChance what the check found for the baseline, one phrase
     * @param improvedUninformative the same for the improved variant
     * @param improvedChance the same for the improved variant
     */
    public record Run(int split, int bestEpoch, int lastEpoch, int epochsApart, boolean keptIsLast,
                      boolean stoppedEarly, int baselineLastEpoch, boolean baselineStoppedEarly,
                      boolean baselineUninformative, String baselineChance, boolean improvedUninformative,
                      String improvedChance) {

        /** Both variants uninformative: this split cannot test the claim. */
        public boolean learnedNothing() {
            return baselineUninformative && improvedUninformative;
        }
    }

    /**
     * The chance check of one variant, from its stored test labels and probabilities (not from the stored
     * {@link RunResult.Chance}, which older files lack).
     */
    public static ChanceLevel chance(RunResult.Variant v) {
        int[] labels = v.predictions().stream().mapToInt(RunResult.Prediction::label).toArray();
        double[][] probabilities = v.predictions().stream().map(RunResult.Prediction::probabilities)
                .toArray(double[][]::new);
        if (labels.length == 0) {
            throw new IllegalArgumentException("a variant without test predictions cannot be checked against chance");
        }
        return ChanceLevel.of(labels, probabilities, probabilities[0].length);
    }

    /** Whether both variants of a run are uninformative, so that the run cannot test the claim. */
    public static boolean learnedNothing(RunResult r) {
        return chance(r.variants().get(RunResult.BASELINE)).uninformative()
                && chance(r.variants().get(RunResult.IMPROVED)).uninformative();
    }

    /** One summary per backbone, backbones in the order first met, splits sorted. */
    public static List<EpochDiagnostics> perBackbone(List<RunResult> results) {
        Map<String, List<Run>> grouped = new TreeMap<>(Claims.BACKBONE_ORDER);
        for (RunResult r : results) {
            RunResult.BaselineRun separate = r.baselineRun();
            ChanceLevel baseline = chance(r.variants().get(RunResult.BASELINE));
            ChanceLevel improved = chance(r.variants().get(RunResult.IMPROVED));
            grouped.computeIfAbsent(r.backbone(), k -> new ArrayList<>()).add(new Run(r.split(), r.bestEpoch(),
                    r.lastEpoch(), r.lastEpoch() - r.bestEpoch(), r.bestEpoch() == r.lastEpoch(), r.stoppedEarly(),
                    separate == null ? r.lastEpoch() : separate.lastEpoch(),
                    separate == null ? r.stoppedEarly() : separate.stoppedEarly(),
                    baseline.uninformative(), baseline.reason(), improved.uninformative(), improved.reason()));
        }
        List<EpochDiagnostics> out = new ArrayList<>();
        grouped.forEach((backbone, runs) -> {
            List<Run> sorted = runs.stream().sorted((a, b) -> Integer.compare(a.split(), b.split())).toList();
            out.add(new EpochDiagnostics(backbone, sorted,
                    (int) sorted.stream().filter(Run::keptIsLast).count(),
                    (int) sorted.stream().filter(Run::stoppedEarly).count(),
                    sorted.stream().mapToInt(Run::epochsApart).average().orElse(Double.NaN),
                    sorted.stream().mapToInt(Run::epochsApart).max().orElse(0),
                    (int) sorted.stream().mapToLong(r -> (r.baselineUninformative() ? 1 : 0)
                            + (r.improvedUninformative() ? 1 : 0)).sum(),
                    (int) sorted.stream().filter(Run::learnedNothing).count()));
        });
        return out;
    }
}
