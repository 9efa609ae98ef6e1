package org.biradsrepro.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a dataset is laid out on disk ({@code repro.datasetLayout}); {@link #AUTO} recognises the others from the
 * files present (see {@link org.biradsrepro.data.layout.DatasetScanner#detect}).
 */
public enum DatasetLayout {
    /** Recognise the layout from the files present. */
    AUTO("auto"),
    /** {@code root/<BI-RADS folder>/<image>}. */
    FOLDERS("folders"),
    /** A CSV {@code path,birads[,patient_id][,view][,laterality]}, paths relative to the CSV. */
    MANIFEST("manifest"),
    /** KAU-BCMD as distributed: BI-RADS folders holding one more level of folders, and its XLSX when present. */
    KAU_BCMD("kau-bcmd"),
    /** CBIS-DDSM's case-description CSVs with the DICOM files as TCIA's NBIA Data Retriever lays them out. */
    CBIS_DDSM("cbis-ddsm"),
    /** VinDr-Mammo's {@code breast-level_annotations.csv} with {@code images/<study_id>/<image_id>.dicom}. */
    VINDR("vindr");

    private final String id;

    DatasetLayout(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<DatasetLayout> fromId(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.id.equals(t)).findFirst();
    }

    public static String ids() {
        return String.join("|", Arrays.stream(values()).map(DatasetLayout::id).toList());
    }
}
