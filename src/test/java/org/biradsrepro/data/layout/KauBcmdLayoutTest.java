package org.biradsrepro.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biradsrepro.data.layout.DatasetFiles.png;
import static org.biradsrepro.data.layout.DatasetFiles.xlsx;

import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.DatasetLayout;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.biradsrepro.data.layout.DatasetFiles.Inline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KauBcmdLayoutTest {

    @TempDir
    Path root;

    /** The class folders as the brief describes KAU-BCMD: each class's images one folder deeper. */
    private void nestedFolders() {
        png(root.resolve("BIRAD1/b1/1_L_CC.jpg.png"), 1);
        png(root.resolve("BIRAD1/b1/1_R_CC.jpg.png"), 2);
        png(root.resolve("Birad3/b3/7_L_MLO.png"), 3);
        png(root.resolve("Birad5/Birad5/9_R_CC.png"), 4);
    }

    @Test
    void classFoldersNestedOneLevelDeeperAreRecognisedAndRead() {
        nestedFolders();

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.layout()).isEqualTo(DatasetLayout.KAU_BCMD);
        assertThat(d.images()).extracting(LabeledImage::id, LabeledImage::label).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BIRAD1/b1/1_L_CC.jpg.png", 1),
                org.assertj.core.groups.Tuple.tuple("BIRAD1/b1/1_R_CC.jpg.png", 1),
                org.assertj.core.groups.Tuple.tuple("Birad3/b3/7_L_MLO.png", 3),
                org.assertj.core.groups.Tuple.tuple("Birad5/Birad5/9_R_CC.png", 5));
    }

    @Test
    void asPlainFoldersTheNestedImagesAreSkippedWithAHint() {
        nestedFolders();

        png(root.resolve("Birad3/direct.png"), 9);
        assertThat(DatasetScanner.detect(root)).as("a class folder with an image directly in it").isEqualTo(DatasetLayout.FOLDERS);
        Dataset flat = DatasetScanner.scan(root);
        assertThat(flat.images()).extracting(LabeledImage::id).containsExactly("Birad3/direct.png");
        assertThat(flat.skipped()).extracting(SkippedFile::id).contains("BIRAD1/b1/", "Birad5/Birad5/");
        assertThat(flat.skipped()).filteredOn(s -> s.id().equals("BIRAD1/b1/")).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("repro.datasetLayout=kau-bcmd"));
    }

    @Test
    void theSpreadsheetListsImagesByBareNameOrPathWithCaseNumbers() {
        nestedFolders();
        png(root.resolve("Birad3/b3/not-listed.png"), 5);
        xlsx(root.resolve("KAU-BCMD.xlsx"), List.of(
                List.of("Image", "Case", "BI-RADS"),
                List.of("1_L_CC.jpg.png", 1, 1),
                List.of(new Inline("BIRAD1/b1/1_R_CC.jpg.png"), 1, "1"),
                List.of("7_L_MLO.png", 7, 3.0),
                List.of("9_R_CC.png", 9, "BI-RADS 5")));

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.layout()).isEqualTo(DatasetLayout.KAU_BCMD);
        assertThat(d.images()).extracting(LabeledImage::id, LabeledImage::label, LabeledImage::patientId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BIRAD1/b1/1_L_CC.jpg.png", 1, "1"),
                org.assertj.core.groups.Tuple.tuple("BIRAD1/b1/1_R_CC.jpg.png", 1, "1"),
                org.assertj.core.groups.Tuple.tuple("Birad3/b3/7_L_MLO.png", 3, "7"),
                org.assertj.core.groups.Tuple.tuple("Birad5/Birad5/9_R_CC.png", 5, "9"));
        assertThat(d.skipped()).filteredOn(s -> s.id().equals("Birad3/b3/not-listed.png")).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("not listed in KAU-BCMD.xlsx"));
        assertThat(d.patientCount()).isEqualTo(3);
    }

    @Test
    void aSpreadsheetLabelThatContradictsTheFolderIsAnError() {
        nestedFolders();
        xlsx(root.resolve("labels.xlsx"), List.of(
                List.of("file name", "assessment"),
                List.of("7_L_MLO.png", 4)));

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Birad3/b3/7_L_MLO.png is BI-RADS 4 in the spreadsheet but sits in the folder of BI-RADS 3");
    }

    @Test
    void spreadsheetLabelErrorsNameTheRow() {
        nestedFolders();
        xlsx(root.resolve("labels.xlsx"), List.of(
                List.of("path", "birads"),
                List.of("7_L_MLO.png", 3.5),
                List.of("9_R_CC.png", "4C")));

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .hasMessageContaining("labels.xlsx row 2: BI-RADS '3.5'")
                .hasMessageContaining("labels.xlsx row 3: BI-RADS '4C'");
    }

    @Test
    void aSubFolderNamingAnotherCategoryIsAnError() {
        png(root.resolve("Birad3/BI-RADS 4/x.png"), 1);

        assertThatThrownBy(() -> DatasetScanner.scan(root, DatasetLayout.KAU_BCMD))
                .hasMessageContaining("Birad3/BI-RADS 4/ names BI-RADS 4 inside the folder of BI-RADS 3");
    }

    @Test
    void aFileThatIsNotAWorkbookIsAClearError() {
        nestedFolders();
        DatasetFiles.text(root.resolve("broken.xlsx"), "not a zip");

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("broken.xlsx");
    }
}
