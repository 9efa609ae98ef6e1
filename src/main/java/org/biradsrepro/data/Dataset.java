package org.biradsrepro.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scanned dataset: its images sorted by id (so that order never depends on the file system), what was skipped,
 * what could not be used, identical files, and a content fingerprint.
 *
 * @param root the dataset folder (for a manifest, the folder it sits in)
 * @param layout the layout it was read as
 * @param images every usable image, sorted by id
 * @param skipped files found but not data (hidden files, other file types, empty class folders), with the reason
 * @param unusable images the dataset lists or holds but that cannot be used (a manifest row whose file is missing,
 *                 a file name the platform cannot represent, an unreadable file), with the reason: the caller
 *                 decides whether to stop ({@link #requireAllUsable()}) or go on and report them
 * @param contentHashes SHA-256 of each image's file, in {@code images} order
 * @param duplicates groups of images with identical content (same label; conflicting labels are refused)
 * @param notes facts about the data a reader of the results should know (single-image classes, patients)
 * @param fingerprint SHA-256 over each image's id, label, content hash (and patient id where there is one)
 */
public record Dataset(Path root, DatasetLayout layout, List<LabeledImage> images, List<SkippedFile> skipped,
                      List<SkippedFile> unusable, List<String> contentHashes, List<DuplicateGroup> duplicates,
                      List<String> notes, String fingerprint) {
    public Dataset {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(layout, "layout");
        images = List.copyOf(images);
        skipped = List.copyOf(skipped);
        unusable = List.copyOf(unusable);
        contentHashes = List.copyOf(contentHashes);
        duplicates = List.copyOf(duplicates);
        notes = List.copyOf(notes);
        if (contentHashes.size() != images.size()) {
            throw new IllegalArgumentException(contentHashes.size() + " content hashes for " + images.size() + " images");
        }
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
        List<LabeledImage> kept = new ArrayList<>();
        List<String> keptHashes = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (!ids.contains(images.get(i).id())) {
                kept.add(images.get(i));
                keptHashes.add(contentHashes.get(i));
            }
        }
        List<DuplicateGroup> keptDuplicates = duplicates.stream()
                .map(g -> new DuplicateGroup(g.contentHash(), g.ids().stream().filter(id -> !ids.contains(id)).toList(), g.label()))
                .filter(g -> g.ids().size() > 1)
                .toList();
        List<SkippedFile> allSkipped = new ArrayList<>(skipped);
        allSkipped.addAll(dropped);
        allSkipped.sort(Comparator.comparing(SkippedFile::id));
        List<SkippedFile> stillUnusable = unusable.stream().filter(u -> !ids.contains(u.id())).toList();
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.add(dropped.size() + " image(s) left out as unusable (repro.onBadImage=skip); they are listed with the skipped files");
        return new Dataset(root, layout, kept, allSkipped, stillUnusable, keptHashes, keptDuplicates, allNotes,
                ContentHashes.fingerprint(kept, keptHashes));
    }

    public int size() {
        return images.size();
    }

    /** Distinct patient ids, 0 when the layout has none. */
    public int patientCount() {
        return (int) images.stream().map(LabeledImage::patientId).filter(Objects::nonNull).distinct().count();
    }

    /**
     * The unit each image is split with: images that share a patient id or identical content get the same group
     * number (transitively), every other image a group of its own. Numbers are dense, in order of first image.
     */
    public int[] splitGroups() {
        int n = images.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstByKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String patient = images.get(i).patientId();
            List<String> keys = new ArrayList<>();
            keys.add("content:" + contentHashes.get(i));
            if (patient != null) {
                keys.add("patient:" + patient);
            }
            for (String key : keys) {
                Integer first = firstByKey.putIfAbsent(key, i);
                if (first != null) {
                    union(parent, first, i);
                }
            }
        }
        int[] group = new int[n];
        Map<Integer, Integer> dense = new HashMap<>();
        for (int i = 0; i < n; i++) {
            group[i] = dense.computeIfAbsent(find(parent, i), r -> dense.size());
        }
        return group;
    }

    /** Whether any image shares its split unit with another (patients or duplicates). */
    public boolean hasSplitGroups() {
        return patientCount() > 0 || !duplicates.isEmpty();
    }

    /** Stops with every unusable image listed, if there is any. */
    public void requireAllUsable() {
        if (!unusable.isEmpty()) {
            throw new DatasetException(unusable.size() + " image(s) of " + root.toAbsolutePath()
                    + " cannot be used; nothing was trained:\n  " + String.join("\n  ",
                    unusable.stream().map(u -> u.id() + ": " + u.reason()).toList()));
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
