/**
 * The experiment: from a validated configuration to one {@link org.biradsrepro.results.RunResult} per
 * backbone x split. {@link org.biradsrepro.experiment.Experiment} is the one entry point; it wires the stages, each
 * a class that reads alone and knows nothing of the facade: the plan ({@code SessionPlan}: cells, finished runs,
 * weights, engine), the checked dataset ({@code CheckedDataset}: decoded once, bad images, splits, validation
 * sides), the frozen features ({@code FrozenFeatures}: cached, with its key from {@code FeatureKeys} alone, or end
 * to end), the cell trainer ({@code CellTrainer} with a {@code PairingStrategy}; {@code ControlRuns}), and the
 * results ({@code SessionResults}, {@code RunResults}: provenance, reuse, evaluation, writing).
 */
package org.biradsrepro.experiment;
