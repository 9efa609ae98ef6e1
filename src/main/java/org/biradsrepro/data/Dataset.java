package org.biradsrepro.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A scanned dataset: its images sorted by id (so that order never depends on the file system), what was skipped,
 * and a content fingerprint.
 *
 * @param root the dataset folder
 * @param images every usable image, sorted by id
 * @param skipped files found but not used, with the reason
 * @param fingerprint SHA-256 over each image's id, label and content hash: equal fingerprints, equal data
 */
public record Dataset(Path root, List<LabeledImage> images, List<SkippedFile> skipped, String fingerprint) {
    public Dataset {
        images = List.copyOf(images);
        skipped = List.copyOf(skipped);
    }

    public int[] classCounts() {
        int[] counts = new int[BiradsCategory.COUNT];
        images.forEach(i -> counts[i.label()]++);
        return counts;
    }

    public int[] labels() {
        return images.stream().mapToInt(LabeledImage::label).toArray();
    }

    public int size() {
        return images.size();
    }
}
