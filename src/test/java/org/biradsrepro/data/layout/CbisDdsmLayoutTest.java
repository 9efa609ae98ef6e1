package org.biradsrepro.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.biradsrepro.data.layout.DatasetFiles.dicomStub;
import static org.biradsrepro.data.layout.DatasetFiles.text;

import java.nio.file.Path;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.DatasetLayout;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.split.DatasetSplits;
import org.biradsrepro.data.split.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CBIS-DDSM as TCIA's NBIA Data Retriever writes it: {@code CBIS-DDSM/<case folder>/<date-DDSM-NA-id>/<n.000000-
 * full mammogram images-id>/1-1.dcm}, while the CSVs say {@code <case folder>/<study UID>/<series UID>/000000.dcm}.
 */
class CbisDdsmLayoutTest {

    private static final String HEADER = "patient_id,breast density,left or right breast,image view,abnormality id,"
            + "abnormality type,mass shape,mass margins,assessment,pathology,subtlety,image file path,"
            + "cropped image file path,ROI mask file path\r\n";

    @TempDir
    Path root;

    private static String row(String patient, String side, String view, int abnormality, int assessment, String casePrefix) {
        String folder = casePrefix + "_" + patient + "_" + side + "_" + view;
        return patient + ",3," + side + "," + view + "," + abnormality + ",mass,OVAL,CIRCUMSCRIBED," + assessment
                + ",BENIGN,4," + folder + "/1.3.6.1.4.1.9590.100.1.2.1" + abnormality + "/1.3.6.1.4.1.9590.100.1.2.2"
                + abnormality + "/000000.dcm," + folder + "_" + abnormality + "/1.3.6/1.3.7/000000.dcm,"
                + "\"" + folder + "_" + abnormality + "/1.3.6/1.3.7/000001.dcm\n\"\r\n";
    }

    private Path tciaFile(String caseFolder, String marker) {
        return dicomStub(root.resolve("CBIS-DDSM/" + caseFolder + "/07-20-2016-DDSM-NA-74994/1.000000-full mammogram images-24515/1-1.dcm"), marker);
    }

    @Test
    void oneImageWithSeveralAbnormalitiesIsOneImageLabelledWithTheHighestAssessment() {
        text(root.resolve("mass_case_description_train_set.csv"), HEADER
                + row("P_00001", "LEFT", "CC", 1, 3, "Mass-Training")
                + row("P_00001", "LEFT", "CC", 2, 4, "Mass-Training")
                + row("P_00001", "LEFT", "CC", 3, 2, "Mass-Training")
                + row("P_00004", "RIGHT", "MLO", 1, 2, "Mass-Training"));
        tciaFile("Mass-Training_P_00001_LEFT_CC", "a");
        tciaFile("Mass-Training_P_00004_RIGHT_MLO", "b");
        // crops and masks live in "_<n>" folders and must not be taken for the mammogram
        dicomStub(root.resolve("CBIS-DDSM/Mass-Training_P_00001_LEFT_CC_1/07-21-2016-DDSM-NA-1/1.000000-ROI mask images-2/1-1.dcm"), "m");

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.layout()).isEqualTo(DatasetLayout.CBIS_DDSM);
        assertThat(d.images()).extracting(LabeledImage::id, LabeledImage::label, LabeledImage::patientId,
                        LabeledImage::laterality, LabeledImage::view, LabeledImage::officialSubset)
                .containsExactly(
                        tuple("CBIS-DDSM/Mass-Training_P_00001_LEFT_CC/07-20-2016-DDSM-NA-74994/1.000000-full mammogram images-24515/1-1.dcm",
                                4, "P_00001", "L", "CC", "training"),
                        tuple("CBIS-DDSM/Mass-Training_P_00004_RIGHT_MLO/07-20-2016-DDSM-NA-74994/1.000000-full mammogram images-24515/1-1.dcm",
                                2, "P_00004", "R", "MLO", "training"));
    }

    @Test
    void aMammogramInBothTheMassAndTheCalcCsvIsUsedOnceAndTheCopySkipped() {
        text(root.resolve("mass_case_description_test_set.csv"), HEADER + row("P_00016", "LEFT", "MLO", 1, 4, "Mass-Test"));
        text(root.resolve("calc_case_description_test_set.csv"), HEADER + row("P_00016", "LEFT", "MLO", 1, 5, "Calc-Test"));
        tciaFile("Mass-Test_P_00016_LEFT_MLO", "same picture");
        tciaFile("Calc-Test_P_00016_LEFT_MLO", "same picture");

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.images()).singleElement().satisfies(i -> {
            assertThat(i.id()).startsWith("CBIS-DDSM/Calc-Test_P_00016_LEFT_MLO/");
            assertThat(i.label()).isEqualTo(5);
            assertThat(i.officialSubset()).isEqualTo("test");
        });
        assertThat(d.skipped()).singleElement().satisfies(s -> {
            assertThat(s.id()).startsWith("CBIS-DDSM/Mass-Test_P_00016_LEFT_MLO/");
            assertThat(s.reason()).contains("same mammogram as CBIS-DDSM/Calc-Test_P_00016_LEFT_MLO/");
        });
        assertThat(d.duplicates()).as("one copy used, so no duplicate left").isEmpty();
    }

    @Test
    void pathsAsTheCsvWritesThemAndSeriesUidFoldersAreFoundToo() {
        text(root.resolve("CBIS-DDSM/calc_case_description_train_set.csv"), HEADER
                + row("P_00005", "RIGHT", "CC", 1, 3, "Calc-Training")
                + row("P_00007", "LEFT", "CC", 1, 4, "Calc-Training"));
        // the path exactly as the CSV writes it
        dicomStub(root.resolve("Calc-Training_P_00005_RIGHT_CC/1.3.6.1.4.1.9590.100.1.2.11/1.3.6.1.4.1.9590.100.1.2.21/000000.dcm"), "x");
        // a folder named by the series UID beside another DICOM file
        dicomStub(root.resolve("CBIS-DDSM/Calc-Training_P_00007_LEFT_CC/1.3.6.1.4.1.9590.100.1.2.21/1-1.dcm"), "y");
        dicomStub(root.resolve("CBIS-DDSM/Calc-Training_P_00007_LEFT_CC/other-series/1-1.dcm"), "z");

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.images()).extracting(LabeledImage::id).containsExactly(
                "CBIS-DDSM/Calc-Training_P_00007_LEFT_CC/1.3.6.1.4.1.9590.100.1.2.21/1-1.dcm",
                "Calc-Training_P_00005_RIGHT_CC/1.3.6.1.4.1.9590.100.1.2.11/1.3.6.1.4.1.9590.100.1.2.21/000000.dcm");
    }

    @Test
    void aMissingMammogramIsUnusableNamingItsCsvRows() {
        text(root.resolve("mass_case_description_train_set.csv"), HEADER
                + row("P_00001", "LEFT", "CC", 1, 3, "Mass-Training")
                + row("P_00009", "LEFT", "CC", 1, 3, "Mass-Training"));
        tciaFile("Mass-Training_P_00001_LEFT_CC", "a");

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.size()).isEqualTo(1);
        assertThat(d.unusable()).singleElement().satisfies(u -> {
            assertThat(u.id()).startsWith("Mass-Training_P_00009_LEFT_CC/");
            assertThat(u.reason()).contains("mass_case_description_train_set.csv row 4").contains("P_00009").contains("not found");
        });
    }

    @Test
    void anAssessmentOutsideZeroToFiveNamesFileAndRow() {
        text(root.resolve("mass_case_description_train_set.csv"), HEADER + row("P_00001", "LEFT", "CC", 1, 6, "Mass-Training"));

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("mass_case_description_train_set.csv row 2: assessment '6'");
    }

    @Test
    void patientsAreSplitUnitsSoBothBreastsOfAWomanStayTogether() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int p = 1; p <= 20; p++) {
            String id = String.format("P_%05d", p);
            for (String side : new String[] {"LEFT", "RIGHT"}) {
                csv.append(row(id, side, "CC", 1, p % 2 == 0 ? 4 : 2, "Mass-Training"));
                tciaFile("Mass-Training_" + id + "_" + side + "_CC", id + side);
            }
        }
        text(root.resolve("mass_case_description_train_set.csv"), csv.toString());
        Dataset d = DatasetScanner.scan(root);

        for (Split s : DatasetSplits.draw(d, 0.2, 42, 5)) {
            assertThat(s.test()).hasSize(8); // 4 patients x 2 breasts: 20% of each class's 20 images
            DatasetSplits.requireNoLeak(d, s);
        }
    }
}
