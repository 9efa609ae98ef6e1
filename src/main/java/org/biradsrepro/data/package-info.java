/**
 * From a folder of images to model-ready tensors: class-folder scanning (BI-RADS folder names in their many
 * spellings), decoding (format from content; own readers for PGM/PPM and uncompressed DICOM), grayscale-to-RGB,
 * resizing, the on-disk decode cache, the dataset fingerprint, and stratified repeated splits.
 * Nothing here knows about networks or training.
 */
package org.biradsrepro.data;
