package org.biradsrepro.data.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.biradsrepro.data.table.Csv;
import org.biradsrepro.data.table.Table;

/**
 * VinDr-Mammo (PhysioNet, v1.0.0): {@code breast-level_annotations.csv} with one row per image
 * ({@code study_id, series_id, image_id, laterality, view_position, height, width, breast_birads, breast_density,
 * split}) and the files at {@code images/<study_id>/<image_id>.dicom}. {@code breast_birads} reads
 * "BI-RADS 1".."BI-RADS 5"; {@code split} is the official "training"/"test" assignment, used when
 * {@code repro.officialSplit=true}.
 *
 * <p>VinDr-Mammo publishes no patient id: each study is one examination of one woman, so the study id is the
 * grouping key (no study on both sides of a split). Two studies of one woman, if any exist, cannot be linked.
 */
final class VinDrMammo {

    static final String ANNOTATIONS = "breast-level_annotations.csv";

    private VinDrMammo() {}

    static void read(Path root, Findings found) {
        Path csv = root.resolve(ANNOTATIONS);
        if (!Files.isRegularFile(csv)) {
            throw new DatasetException("No " + ANNOTATIONS + " in " + root.toAbsolutePath() + " (VinDr-Mammo layout).");
        }
        Table t = Csv.read(csv);
        int study = t.requireColumn("study_id");
        int image = t.requireColumn("image_id");
        int side = t.requireColumn("laterality");
        int view = t.requireColumn("view_position");
        int birads = t.requireColumn("breast_birads");
        int split = t.column("split").orElse(-1);
        Map<String, Integer> seen = new HashMap<>();
        for (Table.Row row : t.rows()) {
            String where = t.where(row);
            Optional<Integer> label = BiradsCategory.fromAssessment(row.get(birads));
            if (label.isEmpty()) {
                found.error(where + ": breast_birads '" + row.get(birads) + "' for image " + row.get(image)
                        + " is not a BI-RADS category 0..5.");
                continue;
            }
            Path file;
            try {
                file = DatasetPaths.resolveInside(root, root,
                        "images/" + row.get(study) + "/" + row.get(image) + ".dicom", where);
            } catch (DatasetException e) {
                found.error(e.getMessage());
                continue;
            }
            String id = DatasetPaths.id(root, file);
            Integer earlier = seen.putIfAbsent(id, row.number());
            if (earlier != null) {
                found.error(where + ": image " + row.get(image) + " is already listed in row " + earlier + ".");
                continue;
            }
            if (!Files.isRegularFile(file)) {
                found.unusable.add(new SkippedFile(id, where + ": listed but not found (" + file.toAbsolutePath() + ")"));
                continue;
            }
            String subset = split < 0 ? null : row.get(split).toLowerCase(Locale.ROOT);
            found.images.add(new LabeledImage(id, file, label.get(), row.get(study), row.get(view),
                    ImageTables.laterality(row.get(side)), subset));
        }
        found.failOnErrors(csv.toAbsolutePath().toString());
    }
}
