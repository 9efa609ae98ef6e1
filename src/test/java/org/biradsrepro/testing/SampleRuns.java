package org.biradsrepro.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biradsrepro.metrics.ChanceLevel;
import org.biradsrepro.results.RunResult;

/**
 * Hand-built {@link RunResult}s for tests of the results file, the report and the command line: every field is
 * filled (the report reads all of them), every number is chosen by the test, nothing is trained.
 */
public final class SampleRuns {

    private SampleRuns() {}

    /** A run with two epochs of history per kept/last epoch, baseline accuracy 0.5 and improved accuracy 0.6. */
    public static RunResult run(String backbone, int split, int bestEpoch, int lastEpoch) {
        return builder(backbone, split).epochs(bestEpoch, lastEpoch).build();
    }

    public static Builder builder(String backbone, int split) {
        return new Builder(backbone, split);
    }

    /**
     * Metrics whose weighted averages equal their macro ones; per-class values and a confusion matrix are filled
     * with fixed numbers. {@code rocAuc} and {@code averagePrecision} may be null (undefined).
     */
    public static RunResult.MetricValues metrics(double accuracy, double precision, double recall, double f1,
                                                 Double rocAuc, Double averagePrecision) {
        List<RunResult.PerClass> perClass = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            perClass.add(new RunResult.PerClass(c, c + 1, 0.5 + c / 100.0, 0.25 + c / 100.0, 0.3 + c / 100.0,
                    rocAuc == null ? null : 0.7, averagePrecision == null ? null : 0.4));
        }
        int[][] confusion = new int[6][6];
        for (int c = 0; c < 6; c++) {
            confusion[c][c] = c + 1;
            confusion[c][(c + 1) % 6] = 1;
        }
        return new RunResult.MetricValues(accuracy, precision, recall, f1, precision, recall, f1, rocAuc,
                averagePrecision, rocAuc == null ? List.of(4, 5) : List.of(), perClass, confusion);
    }

    /** Mutable recipe for one run; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final String backbone;
        private final int split;
        private int bestEpoch = 3;
        private int lastEpoch = 8;
        private boolean validationLoss = false;
        private RunResult.MetricValues baseline = metrics(0.5, 0.4, 0.35, 0.37, 0.71, 0.33);
        private RunResult.MetricValues improved = metrics(0.6, 0.45, 0.4, 0.42, 0.74, 0.36);
        private final Map<String, String> config = new LinkedHashMap<>();
        private String datasetRoot = "/data/birads";
        private String fingerprint = "ab".repeat(32);
        private List<RunResult.Skipped> skipped = List.of(new RunResult.Skipped("BI-RADS 1/.DS_Store", "hidden file"));
        // Twelve test images, classes 0 and 3 alternating, each ranked first in its own column: enough for the
        // chance check (metrics.ChanceLevel) to see that the run learned something. Two images never can.
        private List<String> predictionIds = List.of("BI-RADS 0/a.png", "BI-RADS 3/b.png", "BI-RADS 0/c.png",
                "BI-RADS 3/d.png", "BI-RADS 0/e.png", "BI-RADS 3/f.png", "BI-RADS 0/g.png", "BI-RADS 3/h.png",
                "BI-RADS 0/i.png", "BI-RADS 3/j.png", "BI-RADS 0/k.png", "BI-RADS 3/l.png");
        private boolean baselineLearnedNothing = false;
        private boolean improvedLearnedNothing = false;
        private boolean independent = false;
        private final List<RunResult.Replicate> replicates = new ArrayList<>();
        private String createdAt = "2025-01-02T03:04:05Z";
        private final Map<String, String> machine = new LinkedHashMap<>();
        private final Map<String, String> weights = new LinkedHashMap<>(Map.of("source", "random"));
        private final Map<String, String> versions = new LinkedHashMap<>();

        private Builder(String backbone, int split) {
            this.backbone = backbone;
            this.split = split;
            config.put("repro.profile", "fixture");
            config.put("repro.backbones", backbone);
            config.put("repro.seed", "42");
            config.put("backboneWeights", "random initialisation");
            versions.put("birads-repro", "0.1.0-test");
            versions.put("java", "17");
            machine.put("cpu", "test cpu");
            machine.put("engineThreads", "2");
        }

        public Builder epochs(int best, int last) {
            this.bestEpoch = best;
            this.lastEpoch = last;
            return this;
        }

        public Builder withValidationLoss(boolean v) {
            this.validationLoss = v;
            return this;
        }

        public Builder baseline(RunResult.MetricValues m) {
            this.baseline = m;
            return this;
        }

        public Builder improved(RunResult.MetricValues m) {
            this.improved = m;
            return this;
        }

        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public Builder datasetRoot(String root) {
            this.datasetRoot = root;
            return this;
        }

        public Builder fingerprint(String fp) {
            this.fingerprint = fp;
            return this;
        }

        public Builder skipped(RunResult.Skipped... files) {
            this.skipped = List.of(files);
            return this;
        }

        public Builder predictionIds(String... ids) {
            this.predictionIds = List.of(ids);
            return this;
        }

        /**
         * Test predictions like those of a head that learned only the class prior: every image gets the same
         * probabilities, BI-RADS 1 highest, so both variants fail the chance check.
         */
        public Builder learnedNothing() {
            this.baselineLearnedNothing = true;
            this.improvedLearnedNothing = true;
            return this;
        }

        /** As {@link #learnedNothing()}, for the baseline (last-epoch weights) alone. */
        public Builder baselineLearnedNothing() {
            this.baselineLearnedNothing = true;
            return this;
        }

        /**
         * The baseline from a second, independent run ({@code repro.pairing=independent}) with the same history,
         * head seed 1 and shuffle seed 2.
         */
        public Builder independent() {
            this.independent = true;
            return this;
        }

        /**
         * A further training of the split with these metrics for its last-epoch and kept weights (run 2, 3, ... in
         * the order added), its kept epoch {@code best} of {@code last}; its predictions are the run's own.
         */
        public Builder replicate(RunResult.MetricValues baseline, RunResult.MetricValues improved, int best, int last) {
            List<RunResult.Epoch> history = new ArrayList<>();
            for (int e = 1; e <= last; e++) {
                history.add(new RunResult.Epoch(e, 1.0 + Math.abs(e - best) * 0.125, null));
            }
            Map<String, RunResult.Variant> variants = new LinkedHashMap<>();
            List<RunResult.Prediction> b = predictions(0.25, false);
            List<RunResult.Prediction> i = predictions(0.5, false);
            variants.put(RunResult.BASELINE, new RunResult.Variant("last-epoch", last, 1.0, baseline, chance(b), b));
            variants.put(RunResult.IMPROVED, new RunResult.Variant("lowest-loss-epoch", best, 1.0, improved, chance(i), i));
            replicates.add(new RunResult.Replicate(replicates.size() + 2, 100 + replicates.size(), 200 + replicates.size(),
                    history, best, last, last < 200, variants));
            return this;
        }

        public Builder weights(String key, String value) {
            weights.put(key, value);
            return this;
        }

        public Builder machine(String key, String value) {
            machine.put(key, value);
            return this;
        }

        public Builder version(String key, String value) {
            versions.put(key, value);
            return this;
        }

        public Builder createdAt(String t) {
            this.createdAt = t;
            return this;
        }

        public RunResult build() {
            List<RunResult.Epoch> history = new ArrayList<>();
            for (int e = 1; e <= lastEpoch; e++) {
                // Loss falls to the kept epoch, then rises: the kept epoch has the lowest loss.
                double loss = 1.0 + Math.abs(e - bestEpoch) * 0.125;
                history.add(new RunResult.Epoch(e, loss, validationLoss ? loss + 0.25 : null));
            }
            Map<String, RunResult.Variant> variants = new LinkedHashMap<>();
            List<RunResult.Prediction> baselinePredictions = predictions(0.25, baselineLearnedNothing);
            List<RunResult.Prediction> improvedPredictions = predictions(0.5, improvedLearnedNothing);
            variants.put(RunResult.BASELINE, new RunResult.Variant("last-epoch", lastEpoch,
                    1.0 + (lastEpoch - bestEpoch) * 0.125, baseline, chance(baselinePredictions), baselinePredictions));
            variants.put(RunResult.IMPROVED, new RunResult.Variant("lowest-loss-epoch", bestEpoch, 1.0, improved,
                    chance(improvedPredictions), improvedPredictions));
            RunResult.DatasetInfo dataset = new RunResult.DatasetInfo(datasetRoot, fingerprint, 20,
                    List.of(2, 8, 3, 3, 2, 2), 15, 5, validationLoss ? 2 : 0, List.of(1, 1, 1, 1, 1, 0),
                    skipped, "folders", "patient", false, 9, 7, 2,
                    List.of(new RunResult.Duplicate("ab".repeat(32), List.of("BI-RADS 1/a.png", "BI-RADS 1/a-copy.png"), 1)),
                    List.of("BI-RADS 5 has a single image: it stays on the training side of every split."));
            RunResult.Training training = new RunResult.Training(List.of("stem", "stage1"), List.of(), true, 1234L,
                    15L * lastEpoch, 0.5, 30.0 * lastEpoch, true);
            return new RunResult(backbone, backbone + "-small", split, 42L, 1000L + split, new LinkedHashMap<>(config),
                    dataset, new LinkedHashMap<>(versions), new LinkedHashMap<>(machine), new LinkedHashMap<>(weights), history, validationLoss ? "val_loss" : "loss", bestEpoch, lastEpoch,
                    lastEpoch < 200, independent ? RunResult.INDEPENDENT : RunResult.PAIRED,
                    independent ? new RunResult.BaselineRun(1, 2, history, bestEpoch, lastEpoch, lastEpoch < 200) : null,
                    training, variants, createdAt, replicates);
        }

        private List<RunResult.Prediction> predictions(double top, boolean learnedNothing) {
            List<RunResult.Prediction> out = new ArrayList<>();
            for (int i = 0; i < predictionIds.size(); i++) {
                double[] p = new double[6];
                if (learnedNothing) {
                    p = new double[] {0.07, 0.62, 0.09, 0.13, 0.05, 0.04};
                } else {
                    double rest = (1 - top) / 5;
                    java.util.Arrays.fill(p, rest);
                    p[(3 * i) % 6] = top;
                }
                out.add(new RunResult.Prediction(predictionIds.get(i), (3 * i) % 6, p));
            }
            return out;
        }

        /** The check stored beside the predictions, as the experiment computes it. */
        private static RunResult.Chance chance(List<RunResult.Prediction> predictions) {
            ChanceLevel c = ChanceLevel.of(predictions.stream().mapToInt(RunResult.Prediction::label).toArray(),
                    predictions.stream().map(RunResult.Prediction::probabilities).toArray(double[][]::new), 6);
            return new RunResult.Chance(c.uninformative(), c.predictedClasses(),
                    Double.isNaN(c.rocAucMacro()) ? null : c.rocAucMacro(), Double.isNaN(c.bound()) ? null : c.bound(),
                    c.reason());
        }
    }
}
