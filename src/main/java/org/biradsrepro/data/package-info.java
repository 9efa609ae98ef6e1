/**
 * From a dataset on disk to model-ready tensors: the layouts (class folders, nested as KAU-BCMD ships them, a
 * manifest CSV, KAU-BCMD's spreadsheet, CBIS-DDSM's and VinDr-Mammo's CSVs), BI-RADS names in their many
 * spellings, decoding (format from content; own readers for PGM/PPM and uncompressed DICOM), grayscale-to-RGB,
 * resizing, the on-disk decode cache, the dataset fingerprint and identical-file groups, and stratified repeated
 * splits that keep patients and identical files on one side. Nothing here knows about networks or training.
 */
package org.biradsrepro.data;
