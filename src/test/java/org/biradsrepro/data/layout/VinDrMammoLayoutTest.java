package org.biradsrepro.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.biradsrepro.data.layout.DatasetFiles.dicomStub;
import static org.biradsrepro.data.layout.DatasetFiles.text;

import java.nio.file.Path;
import java.util.Arrays;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.DatasetLayout;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.split.DatasetSplits;
import org.biradsrepro.data.split.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VinDrMammoLayoutTest {

    private static final String HEADER = "study_id,series_id,image_id,laterality,view_position,height,width,"
            + "breast_birads,breast_density,split\n";

    @TempDir
    Path root;

    private String row(String study, String image, String side, String view, String birads, String split, boolean file) {
        if (file) {
            dicomStub(root.resolve("images/" + study + "/" + image + ".dicom"), study + image);
        }
        return study + ",s" + study + "," + image + "," + side + "," + view + ",3518,2800," + birads + ",DENSITY C," + split + "\n";
    }

    @Test
    void annotationsGiveLabelsStudiesViewsAndTheOfficialSubset() {
        text(root.resolve("breast-level_annotations.csv"), HEADER
                + row("st1", "im1", "L", "CC", "BI-RADS 1", "training", true)
                + row("st1", "im2", "R", "MLO", "BI-RADS 4", "training", true)
                + row("st2", "im3", "L", "CC", "BI-RADS 2", "test", true));

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.layout()).isEqualTo(DatasetLayout.VINDR);
        assertThat(d.images()).extracting(LabeledImage::id, LabeledImage::label, LabeledImage::patientId,
                        LabeledImage::laterality, LabeledImage::view, LabeledImage::officialSubset)
                .containsExactly(
                        tuple("images/st1/im1.dicom", 1, "st1", "L", "CC", "training"),
                        tuple("images/st1/im2.dicom", 4, "st1", "R", "MLO", "training"),
                        tuple("images/st2/im3.dicom", 2, "st2", "L", "CC", "test"));
    }

    @Test
    void theOfficialSplitIsOneSplitWithTheDatasetsOwnSides() {
        text(root.resolve("breast-level_annotations.csv"), HEADER
                + row("a", "1", "L", "CC", "BI-RADS 1", "training", true)
                + row("b", "2", "L", "CC", "BI-RADS 2", "test", true)
                + row("c", "3", "L", "CC", "BI-RADS 1", "training", true)
                + row("d", "4", "R", "CC", "BI-RADS 5", "test", true));
        Dataset d = DatasetScanner.scan(root);

        Split s = DatasetSplits.official(d);

        assertThat(s.index()).isEqualTo(1);
        assertThat(Arrays.stream(s.train()).mapToObj(i -> d.images().get(i).id()))
                .containsExactly("images/a/1.dicom", "images/c/3.dicom");
        assertThat(Arrays.stream(s.test()).mapToObj(i -> d.images().get(i).id()))
                .containsExactly("images/b/2.dicom", "images/d/4.dicom");
    }

    @Test
    void anOfficialSplitWithAStudyOnBothSidesIsRefused() {
        text(root.resolve("breast-level_annotations.csv"), HEADER
                + row("a", "1", "L", "CC", "BI-RADS 1", "training", true)
                + row("a", "2", "R", "CC", "BI-RADS 1", "test", true)
                + row("b", "3", "L", "CC", "BI-RADS 2", "training", true));
        Dataset d = DatasetScanner.scan(root);

        assertThatThrownBy(() -> DatasetSplits.official(d))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("1 patient(s) on both sides: a");
    }

    @Test
    void anOfficialSplitNeedsEveryImageAssigned() {
        text(root.resolve("breast-level_annotations.csv"), HEADER
                + row("a", "1", "L", "CC", "BI-RADS 1", "training", true)
                + row("b", "2", "L", "CC", "BI-RADS 2", "validation", true));
        Dataset d = DatasetScanner.scan(root);

        assertThatThrownBy(() -> DatasetSplits.official(d))
                .hasMessageContaining("images/b/2.dicom ('validation')");
    }

    @Test
    void missingFilesAreUnusableAndBadLabelsOrIdsAreErrorsNamingTheRow() {
        text(root.resolve("breast-level_annotations.csv"), HEADER
                + row("a", "1", "L", "CC", "BI-RADS 1", "training", true)
                + row("a", "2", "L", "MLO", "BI-RADS 3", "training", false));
        Dataset d = DatasetScanner.scan(root);
        assertThat(d.unusable()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo("images/a/2.dicom");
            assertThat(u.reason()).contains("breast-level_annotations.csv row 3");
        });

        text(root.resolve("breast-level_annotations.csv"), HEADER
                + row("a", "1", "L", "CC", "BI-RADS 6", "training", true)
                + row("..", "../../x", "L", "CC", "BI-RADS 1", "training", false));
        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .hasMessageContaining("breast-level_annotations.csv row 2: breast_birads 'BI-RADS 6'")
                .hasMessageContaining("breast-level_annotations.csv row 3: path 'images/../../../x.dicom' leaves the dataset root");
    }
}
