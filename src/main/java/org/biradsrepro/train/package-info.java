/**
 * Table 1's training protocol on DJL, and the paper's enhancement: the Adamax optimiser with Keras' update rule,
 * per-epoch losses as Keras logs them, Keras-semantics early stopping, the listener that keeps the lowest-loss
 * epoch's parameters (Algorithm 2), the frozen-part feature cache (computed from images read a batch at a time,
 * {@link org.biradsrepro.train.SampleSource}, and kept on disk between runs, {@link org.biradsrepro.train.FeatureStore}),
 * and the paired run that evaluates the last-epoch weights (baseline, Algorithm 1) and the kept weights (improved)
 * from one training.
 */
package org.biradsrepro.train;
