package org.biradsrepro.data.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;

/**
 * Class-folder layouts: {@code root/<BI-RADS folder>/<image>} and, as KAU-BCMD ships, one level deeper,
 * {@code root/<BI-RADS folder>/<sub-folder>/<image>} (e.g. {@code Birad1/b1/x.jpg}, {@code Birad5/Birad5/x.jpg}).
 * Files at the root (a README, a spreadsheet) are not data; anything inside a class folder that is not used is
 * listed as skipped, an empty class folder included.
 */
final class ClassFolders {

    private ClassFolders() {}

    /** The class folders under root and their categories; unknown names are an error listing every folder. */
    static List<ClassFolder> classFolders(Path root, Findings found) {
        List<Path> folders = DatasetScanner.list(root).stream().filter(Files::isDirectory).toList();
        List<ClassFolder> classes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            if (name.startsWith(".")) {
                found.skipped.add(new SkippedFile(name + "/", "hidden folder"));
                continue;
            }
            Optional<Integer> category = BiradsCategory.fromFolderName(name);
            if (category.isEmpty()) {
                unknown.add(name);
            } else {
                classes.add(new ClassFolder(folder, name, category.get()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new DatasetException("Unknown class folder(s) " + unknown + " in " + root.toAbsolutePath()
                    + ". Each sub-folder must name a BI-RADS category 0-5, e.g. 'BI-RADS 3', 'BIRADS_3', 'Birad3' or '3'."
                    + " Folders found: " + folders.stream().map(f -> f.getFileName().toString()).toList());
        }
        return classes;
    }

    record ClassFolder(Path path, String name, int category) {}

    /**
     * @param nested read images one folder below each class folder too (KAU-BCMD); otherwise such folders are
     *               listed as skipped
     */
    static void read(Path root, boolean nested, Findings found) {
        for (ClassFolder c : classFolders(root, found)) {
            int before = found.images.size();
            readFolder(c.path(), c.name(), c.category(), nested, found);
            if (found.images.size() == before) {
                found.skipped.add(new SkippedFile(c.name() + "/", "empty class folder: no usable image in it"));
            }
        }
    }

    private static void readFolder(Path folder, String idPrefix, int category, boolean descend, Findings found) {
        for (Path file : DatasetScanner.list(folder)) {
            String id = idPrefix + "/" + file.getFileName();
            String name = file.getFileName().toString();
            if (name.startsWith(".")) {
                found.skipped.add(new SkippedFile(Files.isDirectory(file) ? id + "/" : id,
                        Files.isDirectory(file) ? "hidden folder" : "hidden file"));
            } else if (Files.isDirectory(file)) {
                if (descend) {
                    Optional<Integer> named = BiradsCategory.fromFolderName(name);
                    if (named.isPresent() && named.get() != category) {
                        found.error(id + "/ names BI-RADS " + named.get() + " inside the folder of BI-RADS " + category);
                    }
                    readFolder(file, id, category, false, found);
                } else {
                    found.skipped.add(new SkippedFile(id + "/", "nested folder inside a class folder (set"
                            + " repro.datasetLayout=kau-bcmd to read images one folder deeper)"));
                }
            } else if (DatasetPaths.unrepresentableName(file).isPresent()) {
                found.unusable.add(new SkippedFile(id, DatasetPaths.unrepresentableName(file).get()));
            } else if (!DatasetScanner.isImageFileName(name)) {
                found.skipped.add(new SkippedFile(id, "not an image file type this suite reads ("
                        + DatasetScanner.imageSuffixList() + ")"));
            } else {
                found.images.add(new LabeledImage(id, file, category));
            }
        }
    }
}
