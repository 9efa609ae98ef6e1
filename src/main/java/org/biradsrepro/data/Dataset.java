package org.biradsrepro.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * This dataset without the given images, each listed as skipped with its reason; the fingerprint is
     * recomputed over the images left, so that it still says which data the numbers come from.
     */
    public Dataset without(List<SkippedFile> dropped) {
        Set<String> ids = dropped.stream().map(SkippedFile::id).collect(Collectors.toSet());
        List<LabeledImage> kept = images.stream().filter(i -> !ids.contains(i.id())).toList();
        List<SkippedFile> allSkipped = new ArrayList<>(skipped);
        allSkipped.addAll(dropped);
        allSkipped.sort(Comparator.comparing(SkippedFile::id));
        return new Dataset(root, kept, allSkipped, DatasetScanner.fingerprint(kept));
    }

    public int size() {
        return images.size();
    }
}
