/**
 * The paper's claims, judged on a results folder: per backbone x metric, the {@link Evidence} (paired differences,
 * whether the two weight sets were identical, whether any prediction changed, the metric's step, the paper's gain)
 * and the verdict {@link ClaimRule} draws from it by the rule stated in {@link Claims#RULE}, with what the design
 * could have detected ({@link DetectableEffect}); the pooled claim per metric; the combined claims per backbone and
 * for the paper, with Holm's adjustment; the controls' verdicts ({@link Controls}); per run, the epoch and chance
 * diagnostics ({@link EpochDiagnostics}, shown, excluding nothing); the decomposition of the paper's gain into
 * checkpoint effect and run-to-run variance ({@link Decomposition}); and {@code claims.json}. Reads {@code results}
 * records only, so verdicts can be recomputed anywhere the JSON files are.
 */
package org.biradsrepro.claims;
