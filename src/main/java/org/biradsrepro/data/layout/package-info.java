/**
 * From a dataset on disk to a {@link org.biradsrepro.data.Dataset}: {@link org.biradsrepro.data.layout.DatasetScanner}
 * recognises the layout and reads it (class folders, nested as KAU-BCMD ships them, a manifest CSV, KAU-BCMD's
 * spreadsheet, CBIS-DDSM's and VinDr-Mammo's CSVs), keeps every path a table names inside the dataset root, then
 * sorts, hashes and groups identical files. Uses {@code table} to read the tables and {@code image} for the file
 * names the decoder takes.
 */
package org.biradsrepro.data.layout;
