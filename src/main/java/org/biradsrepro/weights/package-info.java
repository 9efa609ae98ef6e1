/**
 * Keras Applications weights for the backbones: Keras' legacy HDF5 weight files read
 * ({@link org.biradsrepro.weights.KerasWeightFile}), paired layer by layer with a backbone's DJL blocks
 * ({@link org.biradsrepro.weights.KerasLayerMap}, {@link org.biradsrepro.weights.LayerPairing}) and assigned in place
 * ({@link org.biradsrepro.weights.KerasWeights#load}); the same layout written back
 * ({@link org.biradsrepro.weights.KerasWeightWriter#write}); Keras' own file names, URLs and published hashes
 * ({@link org.biradsrepro.weights.KerasWeightCatalogue}) and the search of Keras' cache folders
 * ({@link org.biradsrepro.weights.KerasWeightResolver}). Nothing here downloads anything. Depends on
 * {@code backbone} and DJL only, never on training, experiments or reports.
 */
package org.biradsrepro.weights;
