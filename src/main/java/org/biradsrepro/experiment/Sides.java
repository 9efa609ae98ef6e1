package org.biradsrepro.experiment;

/**
 * What a split trains on and, with {@code repro.monitor=val_loss}, what it validates on: both from the split's
 * training side ({@link CheckedDataset#sides}); the test side never steers training.
 */
record Sides(int[] train, int[] validation) {}
