package org.biradsrepro.data.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.biradsrepro.data.table.Table;

/**
 * Tables that list images with their BI-RADS assessment: the manifest CSV and KAU-BCMD's spreadsheet. Each row
 * names a file relative to the table (refused if absolute or outside the dataset root) and a category 0..5; a
 * patient id, view and laterality where the table has those columns. A file listed twice is an error; a file that
 * is listed but missing is unusable, named with its row.
 */
final class ImageTables {

    static final String[] PATH = {"path", "image path", "image", "file", "file path", "filename", "file name", "image name"};
    static final String[] BIRADS = {"birads", "bi rads", "bi-rads", "assessment", "category", "label", "class"};
    static final String[] PATIENT = {"patient id", "patient", "case id", "case", "case number", "study id"};
    static final String[] VIEW = {"view", "view position", "image view"};
    static final String[] LATERALITY = {"laterality", "side", "breast", "left or right breast"};

    private ImageTables() {}

    /**
     * @param resolveByName finds a file by bare name when a cell holds no folder (spreadsheets that list file
     *                      names only); {@code null} to resolve every cell against the table's folder
     * @return the rows' images by id, in row order
     */
    static List<LabeledImage> read(Table table, Path root, Function<String, Optional<Path>> resolveByName,
                                   Findings found) {
        int path = table.requireColumn(PATH);
        int birads = table.requireColumn(BIRADS);
        int patient = table.column(PATIENT).orElse(-1);
        int view = table.column(VIEW).orElse(-1);
        int side = table.column(LATERALITY).orElse(-1);
        Path base = table.source().toAbsolutePath().getParent();
        Map<String, Table.Row> seen = new HashMap<>();
        List<LabeledImage> images = new ArrayList<>();
        for (Table.Row row : table.rows()) {
            String where = table.where(row);
            String raw = row.get(path);
            Optional<Integer> label = BiradsCategory.fromAssessment(row.get(birads));
            if (label.isEmpty()) {
                found.error(where + ": BI-RADS '" + row.get(birads) + "' for '" + raw
                        + "' is not a category 0..5 (accepted: 0-5, '3.0', 'BI-RADS 3').");
                continue;
            }
            Path file;
            try {
                boolean bareName = resolveByName != null && !raw.contains("/") && !raw.contains("\\");
                Optional<Path> byName = bareName ? resolveByName.apply(raw.strip()) : Optional.empty();
                file = byName.isPresent() ? byName.get() : DatasetPaths.resolveInside(root, base, raw, where);
            } catch (DatasetException e) {
                found.error(e.getMessage());
                continue;
            }
            String id = DatasetPaths.id(root, file);
            Table.Row earlier = seen.putIfAbsent(id, row);
            if (earlier != null) {
                found.error(where + ": '" + raw + "' is already listed in row " + earlier.number()
                        + "; list each image once.");
                continue;
            }
            if (!Files.isRegularFile(file)) {
                found.unusable.add(new SkippedFile(id, where + ": listed but " + (Files.exists(file)
                        ? "not a file" : "not found") + " (" + file.toAbsolutePath() + ")"));
                continue;
            }
            images.add(new LabeledImage(id, file, label.get(), row.get(patient), row.get(view),
                    laterality(row.get(side)), null));
        }
        return images;
    }

    /** "LEFT", "left", "L" -> "L"; anything else kept as written. */
    static String laterality(String text) {
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        if (t.equals("LEFT") || t.equals("L")) {
            return "L";
        }
        if (t.equals("RIGHT") || t.equals("R")) {
            return "R";
        }
        return text.strip();
    }
}
