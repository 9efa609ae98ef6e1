package org.biradsrepro.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One image of the dataset.
 *
 * @param id the path relative to the dataset root, with '/' separators: stable across machines, used in results
 * @param path the file
 * @param label BI-RADS category 0..5
 * @param patientId the patient (or case, or study) the image belongs to, where the layout says; {@code null} if not.
 *                  Images of one patient never sit on both sides of a split.
 * @param view the view (CC, MLO, ...) where the layout says; {@code null} if not
 * @param laterality L or R where the layout says; {@code null} if not
 * @param officialSubset the side of the dataset's own train/test split ({@code training} or {@code test}) where it
 *                       has one (VinDr-Mammo); {@code null} if not
 */
public record LabeledImage(String id, Path path, int label, String patientId, String view, String laterality,
                           String officialSubset) {
    public LabeledImage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        if (label < 0 || label >= BiradsCategory.COUNT) {
            throw new IllegalArgumentException("label out of range 0..5 for " + id + ": " + label);
        }
        patientId = blankToNull(patientId);
        view = blankToNull(view);
        laterality = blankToNull(laterality);
        officialSubset = blankToNull(officialSubset);
    }

    /** An image known only by its file and class (class folders). */
    public LabeledImage(String id, Path path, int label) {
        this(id, path, label, null, null, null, null);
    }

    public Optional<String> patient() {
        return Optional.ofNullable(patientId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
