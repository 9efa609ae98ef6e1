/**
 * Statistics over repeated splits, as plain functions over double arrays: summaries and paired differences,
 * the t interval of the mean, and the Nadeau-Bengio corrected resampled t-test with an optional floor on the
 * standard deviation. Distributions come from Apache Commons Statistics rather than being rewritten
 * here.
 *
 * <p>The exact tests enumerate every sign assignment, zeros and ties included: {@link SignFlip#test} (the
 * sign-flip permutation test of the mean, both directions, with scipy's tie tolerance) and
 * {@link SignedRank#greater} (the signed-rank test with zeros dropped and midranks); both report the floor 2^-m
 * their p-values cannot go below. {@link NoncentralT#survival} and {@link NoncentralT#noncentralityForPower} give
 * the power of a one-sided t-test, and {@link Holm#adjust} the Holm step-down adjustment over a family of tests.
 */
package org.biradsrepro.stats;
