package org.biradsrepro.data.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.biradsrepro.data.table.Xlsx;

/**
 * KAU-BCMD as distributed (Kaggle "king-abdulaziz-university-mammogram-dataset"): folders {@code Birad1},
 * {@code Birad3}, {@code Birad4}, {@code Birad5}, each holding its images one folder deeper, and, when present, a
 * spreadsheet (XLSX) at the root listing images and assessments. With a spreadsheet, its rows are the data (cells
 * may hold a path or a bare file name, found in the class folders); a row whose category disagrees with the
 * folder its file sits in is an error, and an image in the folders that the spreadsheet does not list is skipped,
 * with that reason. Without one, the folders are the data.
 *
 * <p>What could be checked from public sources: the Kaggle page's folders are named {@code Birad1}..{@code Birad5}
 * (its links select {@code Birad5}); a third-party loader describes {@code Birad<n>/<sub-folder>/*.jpg}; the data
 * paper (Data 2021, 6(11), 111) labels per case, four views per case. The inner folder names and the
 * spreadsheet's column headers could not be read, so the sub-folder is treated as a container (never a patient)
 * and the spreadsheet's columns are found by common header names ({@link ImageTables}); patient ids come from its
 * case column when there is one.
 */
final class KauBcmd {

    private KauBcmd() {}

    static void read(Path root, Optional<Path> chosenSheet, Findings found) {
        List<Path> sheets = chosenSheet.map(List::of).orElseGet(() -> spreadsheets(root));
        if (sheets.isEmpty()) {
            ClassFolders.read(root, true, found);
            return;
        }
        if (sheets.size() > 1) {
            throw new DatasetException("Several spreadsheets in " + root.toAbsolutePath() + ": "
                    + sheets.stream().map(p -> p.getFileName().toString()).toList()
                    + ". Point repro.dataset at the one that lists the images.");
        }
        Path sheet = sheets.get(0);
        Findings inFolders = new Findings();
        boolean hasFolders = DatasetScanner.list(root).stream().anyMatch(Files::isDirectory);
        if (hasFolders) {
            ClassFolders.read(root, true, inFolders);
        }
        Map<String, List<Path>> byName = new HashMap<>();
        Map<String, LabeledImage> folderImages = new HashMap<>();
        for (LabeledImage i : inFolders.images) {
            byName.computeIfAbsent(i.path().getFileName().toString(), k -> new ArrayList<>()).add(i.path());
            folderImages.put(i.id(), i);
        }
        List<LabeledImage> listed = ImageTables.read(Xlsx.read(sheet), root, name -> {
            List<Path> candidates = byName.getOrDefault(name, List.of());
            if (candidates.size() > 1) {
                throw new DatasetException(sheet.getFileName() + ": file name '" + name + "' is ambiguous, it is in "
                        + candidates.stream().map(p -> DatasetPaths.id(root, p)).toList() + "; give its folder.");
            }
            return candidates.stream().findFirst();
        }, found);
        for (LabeledImage image : listed) {
            LabeledImage inFolder = folderImages.remove(image.id());
            if (inFolder != null && inFolder.label() != image.label()) {
                found.error(sheet.getFileName() + ": " + image.id() + " is BI-RADS " + image.label()
                        + " in the spreadsheet but sits in the folder of BI-RADS " + inFolder.label());
            }
        }
        found.images.addAll(listed);
        found.skipped.addAll(inFolders.skipped);
        found.unusable.addAll(inFolders.unusable);
        folderImages.values().forEach(i -> found.skipped.add(new SkippedFile(i.id(),
                "not listed in " + sheet.getFileName() + ", which is this dataset's list of images")));
        found.failOnErrors(sheet.toAbsolutePath().toString());
    }

    /** XLSX files at the root, without Office's "~$name.xlsx" lock files. */
    static List<Path> spreadsheets(Path root) {
        return DatasetScanner.list(root).stream()
                .filter(Files::isRegularFile)
                .filter(p -> {
                    String n = p.getFileName().toString();
                    return n.toLowerCase(Locale.ROOT).endsWith(".xlsx") && !n.startsWith("~$") && !n.startsWith(".");
                })
                .toList();
    }
}
