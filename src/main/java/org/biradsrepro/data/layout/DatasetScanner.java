package org.biradsrepro.data.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.ContentHashes;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.DatasetLayout;
import org.biradsrepro.data.DuplicateGroup;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.biradsrepro.data.image.ImageFormat;
import org.biradsrepro.data.table.Csv;

/**
 * Reads a dataset in any {@link DatasetLayout}, then does what every layout shares: sorts the images by id,
 * hashes their content, groups identical files (refusing identical content under different labels), writes
 * notes on what a split can and cannot do with the data, and computes the fingerprint.
 */
public final class DatasetScanner {

    /** The names the decoder takes (it reads the format from the content; the name only decides what is offered). */
    private static final Set<String> IMAGE_SUFFIXES = new TreeSet<>(ImageFormat.FILE_SUFFIXES);
    static final String MANIFEST = "manifest.csv";

    private DatasetScanner() {}

    /** A class-folder dataset, or whatever {@link #detect} recognises at {@code root}. */
    public static Dataset scan(Path root) {
        return scan(root, DatasetLayout.AUTO);
    }

    /**
     * @param location the dataset folder, or a file in it that lists the images (manifest CSV, KAU-BCMD XLSX,
     *                 VinDr-Mammo's annotations CSV)
     */
    public static Dataset scan(Path location, DatasetLayout layout) {
        if (!Files.exists(location)) {
            throw new DatasetException("Dataset " + location.toAbsolutePath() + " does not exist.");
        }
        boolean isFile = Files.isRegularFile(location);
        if (!isFile && !Files.isDirectory(location)) {
            throw new DatasetException("Dataset " + location.toAbsolutePath() + " is not a folder.");
        }
        Path root = isFile ? location.toAbsolutePath().getParent() : location;
        DatasetLayout chosen = layout == DatasetLayout.AUTO ? detect(location) : layout;
        Findings found = new Findings();
        switch (chosen) {
            case FOLDERS -> ClassFolders.read(root, false, found);
            case KAU_BCMD -> KauBcmd.read(root, isFile ? Optional.of(location) : Optional.empty(), found);
            case MANIFEST -> {
                Path manifest = isFile ? location : manifestIn(root);
                found.images.addAll(ImageTables.read(Csv.read(manifest), root, null, found));
            }
            case CBIS_DDSM -> CbisDdsm.read(root, found);
            case VINDR -> VinDrMammo.read(root, found);
            default -> throw new IllegalStateException("unhandled layout " + chosen);
        }
        found.failOnErrors(location.toAbsolutePath() + " (" + chosen.id() + " layout)");
        return assemble(root, chosen, found);
    }

    /**
     * The layout of {@code location}: VinDr-Mammo if {@code breast-level_annotations.csv} is there; CBIS-DDSM if
     * case-description CSVs are; a manifest if {@code manifest.csv} is (or the location is a CSV); KAU-BCMD if
     * class folders come with an XLSX, or hold their images one folder deeper; class folders otherwise.
     */
    public static DatasetLayout detect(Path location) {
        if (Files.isRegularFile(location)) {
            String name = location.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.equals(VinDrMammo.ANNOTATIONS)) {
                return DatasetLayout.VINDR;
            }
            if (name.contains("case_description")) {
                return DatasetLayout.CBIS_DDSM;
            }
            return name.endsWith(".xlsx") ? DatasetLayout.KAU_BCMD : DatasetLayout.MANIFEST;
        }
        if (Files.isRegularFile(location.resolve(VinDrMammo.ANNOTATIONS))) {
            return DatasetLayout.VINDR;
        }
        if (!CbisDdsm.caseDescriptionCsvs(location).isEmpty()) {
            return DatasetLayout.CBIS_DDSM;
        }
        if (Files.isRegularFile(location.resolve(MANIFEST))) {
            return DatasetLayout.MANIFEST;
        }
        List<Path> classFolders = list(location).stream()
                .filter(p -> Files.isDirectory(p) && BiradsCategory.fromFolderName(p.getFileName().toString()).isPresent())
                .toList();
        if (!classFolders.isEmpty() && (!KauBcmd.spreadsheets(location).isEmpty()
                || classFolders.stream().allMatch(DatasetScanner::holdsOnlyFolders))) {
            return DatasetLayout.KAU_BCMD;
        }
        return DatasetLayout.FOLDERS;
    }

    private static boolean holdsOnlyFolders(Path folder) {
        List<Path> visible = list(folder).stream().filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        return !visible.isEmpty() && visible.stream().allMatch(Files::isDirectory);
    }

    private static Path manifestIn(Path root) {
        if (Files.isRegularFile(root.resolve(MANIFEST))) {
            return root.resolve(MANIFEST);
        }
        List<Path> csvs = list(root).stream().filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")).toList();
        if (csvs.size() != 1) {
            throw new DatasetException("Manifest layout: expected " + MANIFEST + " (or exactly one CSV) in "
                    + root.toAbsolutePath() + ", found " + csvs.stream().map(p -> p.getFileName().toString()).toList()
                    + ". Point repro.dataset at the manifest file.");
        }
        return csvs.get(0);
    }

    private static Dataset assemble(Path root, DatasetLayout layout, Findings found) {
        List<LabeledImage> images = new ArrayList<>(found.images);
        images.sort(Comparator.comparing(LabeledImage::id));
        List<SkippedFile> unusable = new ArrayList<>(found.unusable);
        List<LabeledImage> readable = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (LabeledImage image : images) {
            try {
                hashes.add(ContentHashes.contentHash(image.path()));
                readable.add(image);
            } catch (DatasetException e) {
                unusable.add(new SkippedFile(image.id(), e.getMessage()));
            }
        }
        if (readable.isEmpty()) {
            List<SkippedFile> notUsed = new ArrayList<>(found.skipped);
            notUsed.addAll(unusable);
            throw new DatasetException("No images found in " + root.toAbsolutePath() + " (" + layout.id() + " layout)"
                    + (layout == DatasetLayout.FOLDERS || layout == DatasetLayout.KAU_BCMD
                    ? ": expected one sub-folder per BI-RADS category (e.g. 'BI-RADS 0' .. 'BI-RADS 5') holding image files." : ".")
                    + (notUsed.isEmpty() ? "" : " Not used: " + notUsed));
        }
        List<DuplicateGroup> duplicates = duplicates(readable, hashes);
        List<SkippedFile> skipped = new ArrayList<>(found.skipped);
        skipped.sort(Comparator.comparing(SkippedFile::id));
        unusable.sort(Comparator.comparing(SkippedFile::id));
        Dataset partial = new Dataset(root, layout, readable, skipped, unusable, hashes, duplicates, List.of(), "");
        List<String> notes = new ArrayList<>(found.notes);
        notes.addAll(notes(partial));
        return new Dataset(root, layout, readable, skipped, unusable, hashes, duplicates, notes,
                ContentHashes.fingerprint(readable, hashes));
    }

    /** Identical content under one label is a duplicate group; under several labels the dataset is refused. */
    private static List<DuplicateGroup> duplicates(List<LabeledImage> images, List<String> hashes) {
        Map<String, List<LabeledImage>> byHash = new TreeMap<>();
        for (int i = 0; i < images.size(); i++) {
            byHash.computeIfAbsent(hashes.get(i), h -> new ArrayList<>()).add(images.get(i));
        }
        List<DuplicateGroup> groups = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        byHash.forEach((hash, same) -> {
            if (same.size() < 2) {
                return;
            }
            Set<Integer> labels = same.stream().map(LabeledImage::label).collect(Collectors.toCollection(TreeSet::new));
            if (labels.size() > 1) {
                conflicts.add(same.stream().map(i -> i.id() + " (BI-RADS " + i.label() + ")").collect(Collectors.joining(", ")));
            } else {
                groups.add(new DuplicateGroup(hash, same.stream().map(LabeledImage::id).sorted().toList(), labels.iterator().next()));
            }
        });
        if (!conflicts.isEmpty()) {
            throw new DatasetException(conflicts.size() + " set(s) of identical image files carry different BI-RADS"
                    + " labels; one picture cannot have two categories, so fix the labels or remove the copies:\n  "
                    + String.join("\n  ", conflicts));
        }
        return groups;
    }

    /** What a split cannot do with this data: classes that can never be tested, and what images are grouped by. */
    private static List<String> notes(Dataset d) {
        List<String> notes = new ArrayList<>();
        int[] groups = d.splitGroups();
        Map<Integer, Set<Integer>> groupsPerClass = new LinkedHashMap<>();
        for (int i = 0; i < d.size(); i++) {
            groupsPerClass.computeIfAbsent(d.images().get(i).label(), c -> new TreeSet<>()).add(groups[i]);
        }
        int[] counts = d.classCounts();
        for (int c = 0; c < BiradsCategory.COUNT; c++) {
            Set<Integer> g = groupsPerClass.get(c);
            if (counts[c] == 1) {
                notes.add(BiradsCategory.displayName(c) + " has a single image: it stays on the training side of every"
                        + " split, so that class is never tested and its per-class test metrics are undefined.");
            } else if (g != null && g.size() == 1) {
                notes.add(BiradsCategory.displayName(c) + "'s " + counts[c] + " images all belong to one patient or are"
                        + " identical: they stay on the training side of every split, so that class is never tested.");
            }
        }
        List<String> absent = new ArrayList<>();
        for (int c = 0; c < BiradsCategory.COUNT; c++) {
            if (counts[c] == 0) {
                absent.add(BiradsCategory.displayName(c));
            }
        }
        if (!absent.isEmpty()) {
            notes.add("No images of " + String.join(", ", absent) + ".");
        }
        if (d.patientCount() > 0) {
            long withPatient = d.images().stream().filter(i -> i.patientId() != null).count();
            notes.add(d.patientCount() + " patients over " + withPatient + " of " + d.size()
                    + " images: splits keep each patient's images on one side.");
        }
        if (!d.duplicates().isEmpty()) {
            int copies = d.duplicates().stream().mapToInt(g -> g.ids().size()).sum();
            notes.add(d.duplicates().size() + " groups of identical files (" + copies
                    + " images): each group stays on one side of every split.");
        }
        return notes;
    }

    static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    static boolean isImageFileName(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && IMAGE_SUFFIXES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static String imageSuffixList() {
        return String.join(", ", IMAGE_SUFFIXES);
    }
}
