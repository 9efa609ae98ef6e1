package org.biradsrepro.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biradsrepro.data.layout.DatasetFiles.png;
import static org.biradsrepro.data.layout.DatasetFiles.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.DatasetLayout;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLayoutTest {

    @TempDir
    Path root;

    @Test
    void manifestRowsBecomeImagesWithPatientViewAndLaterality() {
        png(root.resolve("scans/p1-lcc.png"), 1);
        png(root.resolve("scans/p1-rmlo.png"), 2);
        png(root.resolve("scans/p2-lcc.png"), 3);
        text(root.resolve("manifest.csv"), "path,birads,patient_id,view,laterality\n"
                + "scans/p1-lcc.png,1,P1,CC,LEFT\nscans/p1-rmlo.png,BI-RADS 4,P1,MLO,R\nscans/p2-lcc.png,3.0,P2,CC,L\n");

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.layout()).isEqualTo(DatasetLayout.MANIFEST);
        assertThat(d.images()).extracting(LabeledImage::id, LabeledImage::label, LabeledImage::patientId,
                        LabeledImage::view, LabeledImage::laterality)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("scans/p1-lcc.png", 1, "P1", "CC", "L"),
                        org.assertj.core.groups.Tuple.tuple("scans/p1-rmlo.png", 4, "P1", "MLO", "R"),
                        org.assertj.core.groups.Tuple.tuple("scans/p2-lcc.png", 3, "P2", "CC", "L"));
        assertThat(d.patientCount()).isEqualTo(2);
        assertThat(d.unusable()).isEmpty();
    }

    @Test
    void pathsAreRelativeToTheManifestAndTheManifestFileCanBeTheDatasetSetting() {
        png(root.resolve("data/BI-RADS 2/x.png"), 1);
        png(root.resolve("data/y.png"), 2);
        Path manifest = text(root.resolve("data/labels.csv"), "path,birads\r\nBI-RADS 2/x.png,2\r\ny.png,0\r\n");

        Dataset d = DatasetScanner.scan(manifest, DatasetLayout.AUTO);

        assertThat(d.root()).isEqualTo(root.resolve("data").toAbsolutePath());
        assertThat(d.images()).extracting(LabeledImage::id).containsExactly("BI-RADS 2/x.png", "y.png");
        assertThat(d.labels()).containsExactly(2, 0);
    }

    @Test
    void quotedPathsWithCommasQuotesAndABomAreRead() throws IOException {
        png(root.resolve("a, \"b\".png"), 1);
        Files.writeString(root.resolve("manifest.csv"), "\uFEFFpath,birads\r\n\"a, \"\"b\"\".png\",5\r\n");

        assertThat(DatasetScanner.scan(root).images()).singleElement()
                .satisfies(i -> assertThat(i.id()).isEqualTo("a, \"b\".png"))
                .satisfies(i -> assertThat(i.label()).isEqualTo(5));
    }

    @Test
    void pathTraversalIsRefusedNamingTheRow() throws IOException {
        Path data = Files.createDirectories(root.resolve("data"));
        png(root.resolve("outside.png"), 1);
        png(data.resolve("in.png"), 2);
        text(data.resolve("manifest.csv"), "path,birads\nin.png,1\n../outside.png,2\nsub/../../outside.png,2\n");

        assertThatThrownBy(() -> DatasetScanner.scan(data))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("manifest.csv row 3: path '../outside.png' leaves the dataset root")
                .hasMessageContaining("manifest.csv row 4: path 'sub/../../outside.png' leaves the dataset root");
    }

    @Test
    void absolutePathsAreRefusedNamingTheRow() {
        Path elsewhere = png(root.resolve("elsewhere.png"), 1);
        text(root.resolve("manifest.csv"), "path,birads\n" + elsewhere.toAbsolutePath() + ",1\nC:\\scans\\x.png,1\n");

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("manifest.csv row 2: absolute path")
                .hasMessageContaining("manifest.csv row 3: absolute path 'C:\\scans\\x.png'");
    }

    @Test
    void aSymbolicLinkLeavingTheRootIsRefused(@TempDir Path outside) throws IOException {
        Path target = png(outside.resolve("secret.png"), 1);
        Path data = Files.createDirectories(root.resolve("data"));
        Files.createSymbolicLink(data.resolve("link.png"), target);
        text(data.resolve("manifest.csv"), "path,birads\nlink.png,1\n");

        assertThatThrownBy(() -> DatasetScanner.scan(data))
                .hasMessageContaining("manifest.csv row 2: path 'link.png' leaves the dataset root");
    }

    @Test
    void labelsOutsideZeroToFiveOrUnparseableAreErrorsNamingFileAndEveryRow() {
        png(root.resolve("a.png"), 1);
        text(root.resolve("manifest.csv"), "path,birads\na.png,6\na.png,4A\na.png,\na.png,-1\n");

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("4 problem(s)")
                .hasMessageContaining("manifest.csv row 2: BI-RADS '6'")
                .hasMessageContaining("manifest.csv row 3: BI-RADS '4A'")
                .hasMessageContaining("manifest.csv row 4: BI-RADS ''")
                .hasMessageContaining("manifest.csv row 5: BI-RADS '-1'")
                .hasMessageContaining("not a category 0..5");
    }

    @Test
    void aFileListedTwiceIsAnError() {
        png(root.resolve("a.png"), 1);
        text(root.resolve("manifest.csv"), "path,birads\na.png,1\n./a.png,1\n");

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .hasMessageContaining("manifest.csv row 3: './a.png' is already listed in row 2");
    }

    @Test
    void listedButMissingFilesAreUnusableNamingTheRowAndTheCallerDecides() {
        png(root.resolve("a.png"), 1);
        text(root.resolve("manifest.csv"), "path,birads\na.png,1\nmissing.png,2\ngone/too.png,3\n");

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.images()).extracting(LabeledImage::id).containsExactly("a.png");
        assertThat(d.unusable()).extracting(SkippedFile::id).containsExactly("gone/too.png", "missing.png");
        assertThat(d.unusable().get(1).reason()).contains("manifest.csv row 3").contains("not found");
        assertThatThrownBy(d::requireAllUsable)
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("2 image(s)")
                .hasMessageContaining("missing.png: manifest.csv row 3")
                .hasMessageContaining("gone/too.png: manifest.csv row 4");
    }

    @Test
    void aManifestWithoutAPathOrBiradsColumnSaysWhichIsMissing() {
        text(root.resolve("manifest.csv"), "file_name,grade\na.png,1\n");

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .hasMessageContaining("no column birads")
                .hasMessageContaining("[file_name, grade]");
    }

    @Test
    void theManifestLayoutCanBeForcedOnAFolderWithOneCsv() {
        png(root.resolve("BI-RADS 1/a.png"), 1);
        text(root.resolve("list.csv"), "path,birads\nBI-RADS 1/a.png,3\n");

        assertThat(DatasetScanner.scan(root).labels()).as("auto: class folders").containsExactly(1);
        assertThat(DatasetScanner.scan(root, DatasetLayout.MANIFEST).labels()).as("forced").containsExactly(3);
    }
}
