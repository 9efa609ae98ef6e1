/**
 * Statistics over repeated splits, as plain functions over double arrays: summaries and paired differences,
 * intervals of the mean (percentile bootstrap, t), the Nadeau-Bengio corrected resampled t-test and the Wilcoxon
 * signed-rank test. Distributions and the exact Wilcoxon test come from Apache Commons Statistics rather than
 * being rewritten here.
 */
package org.biradsrepro.stats;
