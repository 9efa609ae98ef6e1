/**
 * The experiment: from a validated configuration to one {@link org.biradsrepro.results.RunResult} per
 * backbone x split. It decodes the dataset once, draws the splits, computes the frozen features once per
 * backbone, trains once per backbone x split, evaluates both weight sets from that one training, and records the
 * provenance of every figure.
 */
package org.biradsrepro.experiment;
