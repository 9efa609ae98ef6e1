package org.biradsrepro.data.layout;

import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;

/**
 * What a layout reader found: images, files it did not use (skipped: not data, e.g. a README or a hidden file),
 * images it could not use (unusable: data that is missing or cannot be named, e.g. a manifest row whose file
 * does not exist), notes for the report, and label errors, which stop the scan once the whole file is read so
 * that every bad row is listed at once.
 */
final class Findings {
    final List<LabeledImage> images = new ArrayList<>();
    final List<SkippedFile> skipped = new ArrayList<>();
    final List<SkippedFile> unusable = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    void error(String message) {
        errors.add(message);
    }

    /** Throws, listing every error so far, if there is any. */
    void failOnErrors(String what) {
        if (!errors.isEmpty()) {
            throw new DatasetException(errors.size() + " problem(s) in " + what + ":\n  " + String.join("\n  ", errors));
        }
    }
}
