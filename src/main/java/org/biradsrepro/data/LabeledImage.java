package org.biradsrepro.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One image of the dataset.
 *
 * @param id the path relative to the dataset root, with '/' separators: stable across machines, used in results
 * @param path the file
 * @param label BI-RADS category 0..5
 */
public record LabeledImage(String id, Path path, int label) {
    public LabeledImage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        if (label < 0 || label >= BiradsCategory.COUNT) {
            throw new IllegalArgumentException("label out of range 0..5 for " + id + ": " + label);
        }
    }
}
