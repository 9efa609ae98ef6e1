package org.biradsrepro.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.biradsrepro.results.RunResult;

/**
 * The diagnostic the claim turns on, per backbone: when the kept (lowest-loss) weights are the last epoch's, the
 * two variants are the same network and the claim cannot show anything on that split. How far apart the two
 * epochs were, and whether early stopping fired (with patience p it stops p epochs after the best, so the two can
 * never coincide then), explain each split's difference.
 *
 * @param backbone registry id
 * @param runs one line per split, in split order
 * @param keptIsLast splits whose kept weights are the last epoch's (no difference possible when paired)
 * @param stoppedEarly splits where early stopping ended the run that gave the kept weights
 * @param meanEpochsApart mean of last epoch minus kept epoch over the splits
 * @param maxEpochsApart the largest such gap
 */
public record EpochDiagnostics(String backbone, List<Run> runs, int keptIsLast, int stoppedEarly,
                               double meanEpochsApart, int maxEpochsApart) {

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
     */
    public record Run(int split, int bestEpoch, int lastEpoch, int epochsApart, boolean keptIsLast,
                      boolean stoppedEarly, int baselineLastEpoch, boolean baselineStoppedEarly) {}

    /** One summary per backbone, backbones in the order first met, splits sorted. */
    public static List<EpochDiagnostics> perBackbone(List<RunResult> results) {
        Map<String, List<Run>> grouped = new TreeMap<>(Claims.BACKBONE_ORDER);
        for (RunResult r : results) {
            RunResult.BaselineRun separate = r.baselineRun();
            grouped.computeIfAbsent(r.backbone(), k -> new ArrayList<>()).add(new Run(r.split(), r.bestEpoch(),
                    r.lastEpoch(), r.lastEpoch() - r.bestEpoch(), r.bestEpoch() == r.lastEpoch(), r.stoppedEarly(),
                    separate == null ? r.lastEpoch() : separate.lastEpoch(),
                    separate == null ? r.stoppedEarly() : separate.stoppedEarly()));
        }
        List<EpochDiagnostics> out = new ArrayList<>();
        grouped.forEach((backbone, runs) -> {
            List<Run> sorted = runs.stream().sorted((a, b) -> Integer.compare(a.split(), b.split())).toList();
            out.add(new EpochDiagnostics(backbone, sorted,
                    (int) sorted.stream().filter(Run::keptIsLast).count(),
                    (int) sorted.stream().filter(Run::stoppedEarly).count(),
                    sorted.stream().mapToInt(Run::epochsApart).average().orElse(Double.NaN),
                    sorted.stream().mapToInt(Run::epochsApart).max().orElse(0)));
        });
        return out;
    }
}
