package org.biradsrepro.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.biradsrepro.data.layout.DatasetFiles.png;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.biradsrepro.data.split.DatasetSplits;
import org.biradsrepro.data.split.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder- and name-level bad input: the committed fixtures under fixtures/odd-datasets, and names git cannot carry. */
class OddDatasetsTest {

    private static final Path ODD = Path.of("fixtures", "odd-datasets");
    private static final String HTML_NAME = "<img src=x onerror=alert(1)>.png";

    @TempDir
    Path root;

    @Test
    void anEmptyClassFolderIsReportedNotAnError() {
        Dataset d = DatasetScanner.scan(ODD.resolve("empty-class-folder"));

        assertThat(d.classCounts()).containsExactly(0, 3, 0, 3, 0, 0);
        assertThat(d.skipped()).extracting(SkippedFile::id, SkippedFile::reason).contains(
                org.assertj.core.groups.Tuple.tuple("BI-RADS 2/", "empty class folder: no usable image in it"),
                org.assertj.core.groups.Tuple.tuple("BI-RADS 2/.gitkeep", "hidden file"));
        assertThat(d.notes()).anySatisfy(n -> assertThat(n).isEqualTo("No images of BI-RADS 0, BI-RADS 2, BI-RADS 4, BI-RADS 5."));
    }

    @Test
    void anUnknownClassFolderStopsTheScanListingTheFoldersFound() {
        assertThatThrownBy(() -> DatasetScanner.scan(ODD.resolve("unknown-class")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Unknown class folder(s) [BI-RADS 4A, Birad7]")
                .hasMessageContaining("Folders found: [BI-RADS 1, BI-RADS 4A, Birad7]");
    }

    @Test
    void aClassWithASingleImageStillSplitsAndTheNoteSaysItIsNeverTested() {
        Dataset d = DatasetScanner.scan(ODD.resolve("single-image-class"));
        int single = Arrays.stream(d.labels()).boxed().toList().indexOf(5);

        assertThat(d.notes()).anySatisfy(n -> assertThat(n).startsWith("BI-RADS 5 has a single image")
                .contains("never tested"));
        for (Split s : DatasetSplits.draw(d, 0.2, 42, 5)) {
            assertThat(s.train()).contains(single);
            assertThat(s.test()).isNotEmpty().doesNotContain(single);
        }
    }

    @Test
    void anHtmlLikeFileNameSurvivesScanningIntact() {
        png(root.resolve("BI-RADS 1/" + HTML_NAME), 1);
        png(root.resolve("BI-RADS 1/plain.png"), 2);
        DatasetFiles.text(root.resolve("BI-RADS 2/\"><svg onload=alert(2)>.txt"), "x");

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.images()).extracting(LabeledImage::id).contains("BI-RADS 1/" + HTML_NAME);
        assertThat(d.images().get(0).path()).exists();
        assertThat(d.skipped()).extracting(SkippedFile::id).contains("BI-RADS 2/\"><svg onload=alert(2)>.txt");
    }

    @Test
    void aFileNameThatIsNotValidUtf8IsListedAsUnusableWithAReasonNeverLostNorACrash() throws Exception {
        png(root.resolve("BI-RADS 3/fine.png"), 1);
        png(root.resolve("BI-RADS 3/source.png"), 2);
        // Java cannot spell these bytes as a String, so the name is made by the shell: Latin-1 "é" (0xE9) alone.
        Process p = new ProcessBuilder("sh", "-c", "mv source.png \"$(printf 'caf\\351.png')\"")
                .directory(root.resolve("BI-RADS 3").toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assumeThat(p.waitFor()).as("this file system takes non-UTF-8 names (macOS does not): " + out).isZero();

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.images()).extracting(LabeledImage::id).containsExactly("BI-RADS 3/fine.png");
        assertThat(d.unusable()).singleElement().satisfies(u -> {
            assertThat(u.id()).startsWith("BI-RADS 3/caf").endsWith(".png");
            assertThat(u.reason()).contains("file name is not valid").contains("rename");
        });
        assertThatThrownBy(d::requireAllUsable).hasMessageContaining("1 image(s)").hasMessageContaining("BI-RADS 3/caf");
    }

    @Test
    void theFixturesHoldNoAccidentalDuplicates() throws IOException {
        for (String name : new String[] {"empty-class-folder", "single-image-class"}) {
            assertThat(DatasetScanner.scan(ODD.resolve(name)).duplicates()).as(name).isEmpty();
        }
        assertThat(Files.exists(ODD.resolve("README.md"))).isTrue();
    }
}
