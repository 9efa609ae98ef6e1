package org.biradsrepro.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.split.DatasetSplits;
import org.biradsrepro.data.split.Split;
import org.biradsrepro.metrics.ChanceLevel;
import org.biradsrepro.metrics.ClassMetrics;
import org.biradsrepro.metrics.ClassificationMetrics;
import org.biradsrepro.metrics.Metrics;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.train.EpochRecord;
import org.biradsrepro.train.PairedTraining;

/** Turns a paired training outcome into the results file's records. */
final class RunResults {

    private RunResults() {}

    /**
     * @param improvedRun the training whose kept weights give the improved variant
     * @param baselineRun the training whose last-epoch weights give the baseline: {@code improvedRun} itself when
     *     paired
     * @param settings the configuration echo: the session's, or a control's, which adds what makes it one
     */
    static RunResult of(SessionResults session, CellTrainer.TrainedRun improvedRun, CellTrainer.TrainedRun baselineRun,
                        Split split, int trainSize, int validationSize, Map<String, String> settings, String createdAt) {
        PairedTraining.Outcome o = improvedRun.outcome();
        PairedTraining.Outcome b = baselineRun.outcome();
        Backbone backbone = improvedRun.backbone();
        TransferNetwork net = improvedRun.net();
        Dataset dataset = session.dataset();
        int[] test = split.test();
        int[] testLabels = testLabels(dataset, split);
        List<String> testIds = testIds(dataset, split);

        Map<String, RunResult.Variant> variants = new LinkedHashMap<>();
        variants.put(RunResult.BASELINE, lastEpoch(dataset, split, b));
        variants.put(RunResult.IMPROVED, variant("lowest-loss-epoch", o.bestEpoch(), o.bestLoss(), testIds, testLabels, o.improved()));

        int[] testCounts = new int[BiradsCategory.COUNT];
        Arrays.stream(testLabels).forEach(l -> testCounts[l]++);
        RunResult.DatasetInfo info = new RunResult.DatasetInfo(dataset.root().toString(), dataset.fingerprint(),
                dataset.size(), boxed(dataset.classCounts()), trainSize, test.length, validationSize, boxed(testCounts),
                dataset.skipped().stream().map(s -> new RunResult.Skipped(s.id(), s.reason())).toList(),
                dataset.layout().id(), DatasetSplits.unit(dataset), session.config().officialSplit(),
                dataset.patientCount(), patients(dataset, split.train()), patients(dataset, test),
                dataset.duplicates().stream().map(d -> new RunResult.Duplicate(d.contentHash(), d.ids(), d.label())).toList(),
                dataset.notes());

        boolean paired = baselineRun == improvedRun;
        RunResult.BaselineRun separate = paired ? null : separateRun(baselineRun);
        RunResult.Training training = new RunResult.Training(net.frozenStages(), net.trainableStages(),
                session.config().featureCache(), o.keptValues(), o.trainedImages(), o.trainSeconds(),
                o.trainSeconds() > 0 ? o.trainedImages() / o.trainSeconds() : 0,
                Arrays.equals(o.probeAtBest(), o.probeAfterRestore()));
        return new RunResult(backbone.id(), backbone.variant(), split.index(), session.config().seed(), split.seed(),
                settings, info, session.versions(), session.machine(), session.weightsOf(backbone.id()), history(o), session.config().monitor().kerasName(),
                o.bestEpoch(), o.lastEpoch(), o.stoppedEarly(), paired ? RunResult.PAIRED : RunResult.INDEPENDENT,
                separate, training, variants, createdAt);
    }

    /**
     * The negative control's result ({@link Control#AA}): two runs of Algorithm 1 on one split. Everything but the
     * variants, the pairing and the kept epoch is the matrix run's: its split, data, weights, history and training.
     *
     * @param main the matrix's result for the backbone x split, whose training is the first run
     * @param first the first run's last-epoch variant: the improved side
     * @param second the second run's last-epoch variant: the baseline side
     * @param secondRun the second run's seeds, losses and epochs
     * @param settings the configuration echo, with the control's id
     */
    static RunResult aa(RunResult main, RunResult.Variant first, RunResult.Variant second,
                        RunResult.BaselineRun secondRun, Map<String, String> settings, String createdAt) {
        Map<String, RunResult.Variant> variants = new LinkedHashMap<>();
        variants.put(RunResult.BASELINE, second);
        variants.put(RunResult.IMPROVED, first);
        // No checkpoint is chosen: the "kept" epoch is the first run's last, whose weights the improved side is.
        return new RunResult(main.backbone(), main.backboneVariant(), main.split(), main.seed(), main.splitSeed(),
                settings, main.dataset(), main.versions(), main.machine(), main.weights(), main.history(),
                main.monitor(), main.lastEpoch(), main.lastEpoch(), main.stoppedEarly(), RunResult.INDEPENDENT,
                secondRun, main.training(), variants, createdAt);
    }

    /** A training's last-epoch weights evaluated on the split's test side: Algorithm 1, the baseline variant. */
    static RunResult.Variant lastEpoch(Dataset dataset, Split split, PairedTraining.Outcome o) {
        return variant("last-epoch", o.lastEpoch(), o.lastLoss(), testIds(dataset, split), testLabels(dataset, split),
                o.baseline());
    }

    /** A further training of the split ({@code repro.replicates}), both its weight sets evaluated on the test side. */
    static RunResult.Replicate replicate(int run, Dataset dataset, Split split, CellTrainer.TrainedRun t) {
        PairedTraining.Outcome o = t.outcome();
        Map<String, RunResult.Variant> variants = new LinkedHashMap<>();
        variants.put(RunResult.BASELINE, lastEpoch(dataset, split, o));
        variants.put(RunResult.IMPROVED, variant("lowest-loss-epoch", o.bestEpoch(), o.bestLoss(),
                testIds(dataset, split), testLabels(dataset, split), o.improved()));
        return new RunResult.Replicate(run, t.headSeed(), t.shuffleSeed(), history(o), o.bestEpoch(), o.lastEpoch(),
                o.stoppedEarly(), variants);
    }

    /** A training that gave only a baseline, as the results record it: seeds, losses, epochs. */
    static RunResult.BaselineRun separateRun(CellTrainer.TrainedRun run) {
        PairedTraining.Outcome b = run.outcome();
        return new RunResult.BaselineRun(run.headSeed(), run.shuffleSeed(), history(b), b.bestEpoch(), b.lastEpoch(),
                b.stoppedEarly());
    }

    private static int[] testLabels(Dataset dataset, Split split) {
        return Arrays.stream(split.test()).map(i -> dataset.images().get(i).label()).toArray();
    }

    private static List<String> testIds(Dataset dataset, Split split) {
        return Arrays.stream(split.test()).mapToObj(i -> dataset.images().get(i).id()).toList();
    }

    private static List<RunResult.Epoch> history(PairedTraining.Outcome o) {
        List<RunResult.Epoch> history = new ArrayList<>();
        for (EpochRecord e : o.history()) {
            history.add(new RunResult.Epoch(e.epoch(), e.trainLoss(), e.hasValidationLoss() ? e.validationLoss() : null));
        }
        return history;
    }

    private static RunResult.Variant variant(String weights, int epoch, double loss, List<String> ids, int[] labels,
                                             double[][] probabilities) {
        ClassificationMetrics m = Metrics.evaluate(labels, probabilities, BiradsCategory.COUNT);
        List<RunResult.PerClass> perClass = m.perClass().stream().map(RunResults::perClass).toList();
        RunResult.MetricValues values = new RunResult.MetricValues(m.accuracy(), m.precisionMacro(), m.recallMacro(),
                m.f1Macro(), m.precisionWeighted(), m.recallWeighted(), m.f1Weighted(), orNull(m.rocAucMacro()),
                orNull(m.averagePrecisionMacro()), m.rankingUndefinedClasses(), perClass, m.confusionMatrix());
        List<RunResult.Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            predictions.add(new RunResult.Prediction(ids.get(i), labels[i], probabilities[i].clone()));
        }
        ChanceLevel c = ChanceLevel.of(labels, probabilities, BiradsCategory.COUNT);
        RunResult.Chance chance = new RunResult.Chance(c.uninformative(), c.predictedClasses(), orNull(c.rocAucMacro()),
                orNull(c.bound()), c.reason());
        return new RunResult.Variant(weights, epoch, loss, values, chance, predictions);
    }

    private static RunResult.PerClass perClass(ClassMetrics c) {
        return new RunResult.PerClass(c.label(), c.support(), c.precision(), c.recall(), c.f1(), orNull(c.rocAuc()),
                orNull(c.averagePrecision()));
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static int patients(Dataset dataset, int[] indices) {
        return (int) Arrays.stream(indices).mapToObj(i -> dataset.images().get(i).patientId())
                .filter(Objects::nonNull).distinct().count();
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
