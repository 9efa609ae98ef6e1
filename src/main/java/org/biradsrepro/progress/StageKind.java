package org.biradsrepro.progress;

import java.util.Locale;

/** The stages of a run, in the order they first happen, and the paper-sized set's generation; ids as in the timings file. */
public enum StageKind {
    /** Listing the dataset, reading its tables, hashing every file. */
    SCAN,
    /** Decoding and resizing every image (or reading it from the decode cache). */
    DECODE,
    /** One backbone's frozen part over every image (once per backbone with the feature cache). */
    FEATURES,
    /** A backbone's trainable part over the epochs, and its predictions on the test split with both weight sets. */
    TRAINING,
    /** Metrics of both variants, the results file. */
    EVALUATION,
    /** Verdicts and the HTML page. */
    REPORT,
    /** Not a stage of a run: the {@code generate-paper-phantoms} command writing the paper-sized set. */
    GENERATE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
