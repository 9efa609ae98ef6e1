package org.biradsrepro.report;

import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.results.RunResult;

/**
 * One variant's test predictions of several runs taken together: every split's test side, an image counted once per
 * split it was tested in. Curves drawn from them are pooled curves; the metrics in the tables stay per split.
 *
 * @param labels true class per prediction
 * @param probabilities one row per prediction
 * @param numClasses the width of the rows
 */
record PooledPredictions(int[] labels, double[][] probabilities, int numClasses) {

    static PooledPredictions of(List<RunResult> runs, String variant) {
        List<RunResult.Prediction> all = new ArrayList<>();
        runs.forEach(r -> all.addAll(r.variants().get(variant).predictions()));
        int numClasses = numClasses(runs);
        for (RunResult.Prediction p : all) {
            if (p.probabilities() == null || p.probabilities().length != numClasses) {
                throw new IllegalArgumentException("Prediction for " + p.id() + " has "
                        + (p.probabilities() == null ? "no" : p.probabilities().length) + " probabilities, expected " + numClasses);
            }
        }
        return new PooledPredictions(all.stream().mapToInt(RunResult.Prediction::label).toArray(),
                all.stream().map(RunResult.Prediction::probabilities).toArray(double[][]::new), numClasses);
    }

    /** The number of classes the runs score, from their per-class metrics. */
    static int numClasses(List<RunResult> runs) {
        return runs.stream().mapToInt(r -> r.variants().get(RunResult.BASELINE).metrics().perClass().size()).max().orElse(0);
    }

    boolean[] positives(int label) {
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            positive[i] = labels[i] == label;
        }
        return positive;
    }

    double[] scores(int label) {
        double[] score = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            score[i] = probabilities[i][label];
        }
        return score;
    }

    int count(int label) {
        int n = 0;
        for (int l : labels) {
            n += l == label ? 1 : 0;
        }
        return n;
    }
}
