package org.biradsrepro.data.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.biradsrepro.data.table.Csv;
import org.biradsrepro.data.table.Table;

/**
 * CBIS-DDSM: the four case-description CSVs ({@code mass|calc_case_description_train|test_set.csv}) with the
 * full-mammogram DICOM files from TCIA.
 *
 * <p><b>One label per image.</b> The CSVs have one row per abnormality, so a mammogram with several abnormalities
 * appears in several rows, and one with both a mass and calcifications appears in the mass and the calc CSVs,
 * under two case folders ({@code Mass-Training_P_00001_LEFT_CC}, {@code Calc-Training_P_00001_LEFT_CC}) holding
 * the same picture. A DDSM study has one image per breast and view, so an image is identified by
 * (patient_id, left or right breast, image view) and labelled with the <em>highest</em> assessment of its rows:
 * BI-RADS rates the most suspicious finding, and a breast with a BI-RADS 4 mass is BI-RADS 4 whatever else it
 * shows. One DICOM file is used per image (the first case folder in name order); the other copies are skipped,
 * with the reason.
 *
 * <p><b>Paths.</b> The CSVs' {@code image file path} reads
 * {@code Mass-Training_P_00001_LEFT_CC/<StudyInstanceUID>/<SeriesInstanceUID>/000000.dcm}, but the NBIA Data
 * Retriever writes {@code CBIS-DDSM/Mass-Training_P_00001_LEFT_CC/07-20-2016-DDSM-NA-74994/1.000000-full mammogram
 * images-24515/1-1.dcm} (descriptive names; UID-named folders with the "classic" option, also seen as
 * {@code <SeriesInstanceUID>/1-1.dcm}). So a path is tried as written first, then through its case folder (the
 * first component, found under the root or {@code CBIS-DDSM/}): the full-mammogram case folder holds one DICOM
 * file (crops and masks live in {@code ..._1} folders), used if it is the only one; if there are several, the one
 * under a folder named by the series UID or called "full mammogram images". Anything else is unusable, named with
 * its CSV row.
 *
 * <p>Patient ids ({@code P_00001}) group a woman's images on one side of every split; the CSV's train/test is
 * kept as the official subset.
 */
final class CbisDdsm {

    private CbisDdsm() {}

    private record Key(String patient, String side, String view) {}

    private static final class Entry {
        int label = -1;
        final Set<String> paths = new LinkedHashSet<>();
        final Set<String> subsets = new LinkedHashSet<>();
        final List<String> rows = new ArrayList<>();
    }

    static List<Path> caseDescriptionCsvs(Path root) {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(root, root.resolve("CBIS-DDSM"))) {
            if (Files.isDirectory(dir)) {
                DatasetScanner.list(dir).stream().filter(Files::isRegularFile).filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.contains("case_description") && n.endsWith(".csv");
                }).forEach(out::add);
            }
        }
        return out;
    }

    static void read(Path root, Findings found) {
        List<Path> csvs = caseDescriptionCsvs(root);
        if (csvs.isEmpty()) {
            throw new DatasetException("No CBIS-DDSM case-description CSV (e.g. mass_case_description_train_set.csv) in "
                    + root.toAbsolutePath() + " or its CBIS-DDSM folder.");
        }
        Map<Key, Entry> images = new TreeMap<>(Comparator.comparing(Key::patient).thenComparing(Key::side)
                .thenComparing(Key::view));
        for (Path csv : csvs) {
            Table t = Csv.read(csv);
            int patient = t.requireColumn("patient_id");
            int side = t.requireColumn("left or right breast");
            int view = t.requireColumn("image view");
            int assessment = t.requireColumn("assessment");
            int path = t.requireColumn("image file path");
            String name = csv.getFileName().toString().toLowerCase(Locale.ROOT);
            String subset = name.contains("train") ? "training" : name.contains("test") ? "test" : null;
            for (Table.Row row : t.rows()) {
                Optional<Integer> label = BiradsCategory.fromAssessment(row.get(assessment));
                if (label.isEmpty()) {
                    found.error(t.where(row) + ": assessment '" + row.get(assessment) + "' is not a BI-RADS category 0..5.");
                    continue;
                }
                Entry e = images.computeIfAbsent(new Key(row.get(patient), ImageTables.laterality(row.get(side)),
                        row.get(view).toUpperCase(Locale.ROOT)), k -> new Entry());
                e.label = Math.max(e.label, label.get());
                e.paths.add(row.get(path).replace('\\', '/'));
                if (subset != null) {
                    e.subsets.add(subset);
                }
                e.rows.add(t.where(row));
            }
        }
        found.failOnErrors("the CBIS-DDSM case descriptions");
        for (Map.Entry<Key, Entry> m : images.entrySet()) {
            Key key = m.getKey();
            Entry e = m.getValue();
            List<Path> files = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            e.paths.stream().sorted().forEach(p -> {
                try {
                    locate(root, p).ifPresentOrElse(files::add, () -> problems.add("'" + p + "' not found"));
                } catch (DatasetException ex) {
                    problems.add(ex.getMessage());
                }
            });
            String rows = String.join(", ", e.rows);
            if (files.isEmpty()) {
                found.unusable.add(new SkippedFile(e.paths.iterator().next(), rows + ": no DICOM file for patient "
                        + key.patient() + " " + key.side() + " " + key.view() + ": " + String.join("; ", problems)));
                continue;
            }
            Path used = files.get(0);
            String id = DatasetPaths.id(root, used);
            for (Path copy : files.subList(1, files.size())) {
                found.skipped.add(new SkippedFile(DatasetPaths.id(root, copy), "same mammogram as " + id
                        + " (patient " + key.patient() + " " + key.side() + " " + key.view()
                        + ", listed under another abnormality type); used once"));
            }
            String subset = e.subsets.size() == 1 ? e.subsets.iterator().next() : null;
            found.images.add(new LabeledImage(id, used, e.label, key.patient(), key.view(), key.side(), subset));
        }
    }

    /** The DICOM file a CSV path stands for, trying the path as written, then its case folder. */
    static Optional<Path> locate(Path root, String csvPath) {
        String[] parts = csvPath.split("/");
        for (Path base : List.of(root, root.resolve("CBIS-DDSM"))) {
            Path literal = DatasetPaths.resolveInside(root, base, csvPath, "CBIS-DDSM path");
            if (Files.isRegularFile(literal)) {
                return Optional.of(literal);
            }
            Path caseFolder = DatasetPaths.resolveInside(root, base, parts[0], "CBIS-DDSM case folder");
            if (!Files.isDirectory(caseFolder)) {
                continue;
            }
            List<Path> dicoms = dicomFiles(caseFolder);
            if (dicoms.size() == 1) {
                return Optional.of(dicoms.get(0));
            }
            String seriesUid = parts.length >= 3 ? parts[parts.length - 2] : "";
            List<Path> preferred = dicoms.stream().filter(p -> {
                String folder = p.getParent().getFileName().toString();
                return folder.equals(seriesUid) || folder.toLowerCase(Locale.ROOT).contains("full mammogram");
            }).toList();
            if (preferred.size() == 1) {
                return Optional.of(preferred.get(0));
            }
            throw new DatasetException("case folder " + DatasetPaths.id(root, caseFolder) + " holds "
                    + dicoms.size() + " DICOM files " + dicoms.stream().map(p -> DatasetPaths.id(root, p)).toList()
                    + " and none is singled out by the series UID or a 'full mammogram images' folder");
        }
        return Optional.empty();
    }

    private static List<Path> dicomFiles(Path folder) {
        try (Stream<Path> s = Files.walk(folder, 4)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dcm"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
