package org.biradsrepro.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biradsrepro.data.layout.DatasetFiles.png;
import static org.biradsrepro.data.layout.DatasetFiles.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.biradsrepro.data.ContentHashes;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.split.DatasetSplits;
import org.biradsrepro.data.split.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuplicatesTest {

    @TempDir
    Path root;

    private void classes(int perClass) {
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < perClass; i++) {
                png(root.resolve("BI-RADS " + c + "/img-" + i + ".png"), 100 * c + i);
            }
        }
    }

    @Test
    void identicalFilesUnderOneLabelAreReportedAndNeverSplitApart() throws IOException {
        classes(10);
        Files.copy(root.resolve("BI-RADS 1/img-3.png"), root.resolve("BI-RADS 1/img-3 (copy).png"));
        Files.copy(root.resolve("BI-RADS 1/img-3.png"), root.resolve("BI-RADS 1/renamed.png"));

        Dataset d = DatasetScanner.scan(root);

        assertThat(d.duplicates()).singleElement().satisfies(g -> {
            assertThat(g.ids()).containsExactly("BI-RADS 1/img-3 (copy).png", "BI-RADS 1/img-3.png", "BI-RADS 1/renamed.png");
            assertThat(g.label()).isEqualTo(1);
            assertThat(g.contentHash()).isEqualTo(ContentHashes.contentHash(root.resolve("BI-RADS 1/renamed.png")));
        });
        assertThat(d.notes()).anySatisfy(n -> assertThat(n).contains("1 groups of identical files (3 images)"));
        List<Integer> copies = List.of(index(d, "BI-RADS 1/img-3 (copy).png"), index(d, "BI-RADS 1/img-3.png"),
                index(d, "BI-RADS 1/renamed.png"));
        for (long seed = 0; seed < 100; seed++) {
            for (Split s : DatasetSplits.draw(d, 0.2, seed, 2)) {
                long inTest = copies.stream().filter(i -> Arrays.stream(s.test()).anyMatch(t -> t == i)).count();
                assertThat(inTest).as("copies on the test side, seed " + seed).isIn(0L, 3L);
            }
        }
    }

    private static int index(Dataset d, String id) {
        for (int i = 0; i < d.size(); i++) {
            if (d.images().get(i).id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError(id);
    }

    @Test
    void identicalFilesWithDifferentLabelsAreRefusedListingEverySet() throws IOException {
        classes(3);
        Files.copy(root.resolve("BI-RADS 0/img-1.png"), root.resolve("BI-RADS 2/looks-new.png"));
        Files.copy(root.resolve("BI-RADS 1/img-2.png"), root.resolve("BI-RADS 0/also.png"));

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("2 set(s) of identical image files carry different BI-RADS labels")
                .hasMessageContaining("BI-RADS 0/img-1.png (BI-RADS 0), BI-RADS 2/looks-new.png (BI-RADS 2)")
                .hasMessageContaining("BI-RADS 0/also.png (BI-RADS 0), BI-RADS 1/img-2.png (BI-RADS 1)");
    }

    @Test
    void aSplitWithIdenticalContentOnBothSidesIsRefusedNamingTheImages() throws IOException {
        classes(4);
        Files.copy(root.resolve("BI-RADS 2/img-0.png"), root.resolve("BI-RADS 2/dup.png"));
        Dataset d = DatasetScanner.scan(root);
        int a = index(d, "BI-RADS 2/img-0.png");
        int b = index(d, "BI-RADS 2/dup.png");
        int[] train = java.util.stream.IntStream.range(0, d.size()).filter(i -> i != b).toArray();
        Split leaking = new Split(1, 0, train, new int[] {b});

        assertThat(train).contains(a);
        assertThatThrownBy(() -> DatasetSplits.requireNoLeak(d, leaking))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("leaks test data into training")
                .hasMessageContaining("BI-RADS 2/dup.png (identical to a training image)");
    }

    @Test
    void patientsAndDuplicatesFormGroupsTransitively() {
        png(root.resolve("a1.png"), 1);
        png(root.resolve("a2.png"), 2);
        png(root.resolve("b1.png"), 2); // same content as a2, another patient
        png(root.resolve("b2.png"), 3);
        png(root.resolve("c1.png"), 4);
        text(root.resolve("manifest.csv"), "path,birads,patient_id\na1.png,1,A\na2.png,1,A\nb1.png,1,B\nb2.png,1,B\nc1.png,1,C\n");

        Dataset d = DatasetScanner.scan(root);
        int[] groups = d.splitGroups();

        assertThat(d.images()).extracting(LabeledImage::id).containsExactly("a1.png", "a2.png", "b1.png", "b2.png", "c1.png");
        assertThat(groups).containsExactly(0, 0, 0, 0, 1);
        assertThat(DatasetSplits.unit(d)).isEqualTo("patient");
    }

    @Test
    void thePatientIdIsPartOfTheFingerprintOnlyWhereThereIsOne() {
        png(root.resolve("a.png"), 1);
        png(root.resolve("b.png"), 2);
        text(root.resolve("manifest.csv"), "path,birads\na.png,1\nb.png,2\n");
        String without = DatasetScanner.scan(root).fingerprint();
        text(root.resolve("manifest.csv"), "path,birads,patient_id\na.png,1,\nb.png,2,\n");
        assertThat(DatasetScanner.scan(root).fingerprint()).as("empty patient cells").isEqualTo(without);
        text(root.resolve("manifest.csv"), "path,birads,patient_id\na.png,1,P\nb.png,2,P\n");
        assertThat(DatasetScanner.scan(root).fingerprint()).as("patients change the splits").isNotEqualTo(without);
    }
}
