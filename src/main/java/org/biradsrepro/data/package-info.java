/**
 * The dataset as the rest of the code sees it: {@link org.biradsrepro.data.Dataset} (images sorted by id, skipped
 * and unusable files, identical-file groups, notes, fingerprint), {@link org.biradsrepro.data.LabeledImage}, BI-RADS
 * names in their many spellings, the layout names, content hashes and the dataset fingerprint, and
 * {@link org.biradsrepro.data.DatasetException}. How a dataset is read lives in the sub-packages: {@code layout}
 * (reading each layout, the entry point {@code DatasetScanner}), {@code image} (decoding and preprocessing),
 * {@code table} (CSV and XLSX) and {@code split} (stratified repeated splits). This package depends on none of
 * them, and nothing here knows about networks or training.
 */
package org.biradsrepro.data;
