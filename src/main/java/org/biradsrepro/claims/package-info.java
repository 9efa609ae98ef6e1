/**
 * The paper's claims, judged on a results folder: per backbone x metric, the paired differences (improved minus
 * baseline) over the splits, their intervals and tests, and a verdict by a rule stated in {@link Claims#RULE};
 * the combined claims per backbone and for the paper; per run, whether the kept weights were the last epoch's and
 * whether each variant learned anything ({@link EpochDiagnostics}: splits where neither did are left out, and a
 * claim with none left is uninformative, not refuted); and {@code claims.json}. Reads {@code results} records only, so verdicts can be
 * recomputed anywhere the JSON files are.
 */
package org.biradsrepro.claims;
