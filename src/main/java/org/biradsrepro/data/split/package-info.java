/**
 * Stratified repeated train/test splits of a {@link org.biradsrepro.data.Dataset} that keep each patient's images
 * and identical files on one side ({@link org.biradsrepro.data.split.DatasetSplits},
 * {@link org.biradsrepro.data.split.StratifiedSplitter}), or the dataset's official split; every split is checked
 * for leaks.
 */
package org.biradsrepro.data.split;
