package org.biradsrepro.stats;

/**
 * Improved minus baseline, split by split: the summary of the differences and how many splits went each way.
 * Pairs where either side is undefined are left out and counted.
 */
public record PairedComparison(Summary difference, int better, int equal, int worse, int undefined) {

    public static PairedComparison of(double[] baseline, double[] improved) {
        if (baseline.length != improved.length) {
            throw new IllegalArgumentException("paired values need equal lengths: " + baseline.length + " vs " + improved.length);
        }
        double[] d = new double[baseline.length];
        int better = 0;
        int equal = 0;
        int worse = 0;
        int undefined = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] = improved[i] - baseline[i];
            if (Double.isNaN(d[i])) {
                undefined++;
            } else if (d[i] > 0) {
                better++;
            } else if (d[i] < 0) {
                worse++;
            } else {
                equal++;
            }
        }
        return new PairedComparison(Summary.of(d), better, equal, worse, undefined);
    }
}
