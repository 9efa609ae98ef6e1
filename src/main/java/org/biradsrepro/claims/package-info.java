/**
 * The paper's claims, judged on a results folder: per backbone x metric, the paired differences (improved minus
 * baseline) over the splits, their intervals and tests, and a verdict by a rule stated in {@link Claims#RULE}.
 * Reads {@code results} records only, so verdicts can be recomputed anywhere the JSON files are.
 */
package org.biradsrepro.claims;
