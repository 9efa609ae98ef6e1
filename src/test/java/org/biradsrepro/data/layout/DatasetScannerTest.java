package org.biradsrepro.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.biradsrepro.data.Dataset;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.SkippedFile;
import org.biradsrepro.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetScannerTest {

    @TempDir
    Path root;

    private static void png(Path file, int value) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                img.getRaster().setSample(x, y, 0, (value + x + 4 * y) & 0xFF);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void imagesAreSortedByIdAndLabelledByTheirFolder() throws IOException {
        png(root.resolve("BIRADS_1/z.png"), 10);
        png(root.resolve("BI-RADS 0/b.png"), 20);
        png(root.resolve("2/x.png"), 30);
        png(root.resolve("BI-RADS 0/a.png"), 40);

        Dataset d = DatasetScanner.scan(root);

        // '2' sorts before 'B'; in "BI-RADS 0" vs "BIRADS_1" the '-' sorts before 'R'.
        assertThat(d.images()).extracting(LabeledImage::id)
                .containsExactly("2/x.png", "BI-RADS 0/a.png", "BI-RADS 0/b.png", "BIRADS_1/z.png");
        assertThat(d.labels()).containsExactly(2, 0, 0, 1);
        assertThat(d.classCounts()).containsExactly(2, 1, 1, 0, 0, 0);
        assertThat(d.images().get(1).path()).isEqualTo(root.resolve("BI-RADS 0/a.png"));
        assertThat(d.root()).isEqualTo(root);
        assertThat(d.skipped()).isEmpty();
    }

    @Test
    void upperCaseImageSuffixIsAnImage() throws IOException {
        png(root.resolve("BI-RADS 3/SCAN.PNG"), 1);

        assertThat(DatasetScanner.scan(root).images()).extracting(LabeledImage::id).containsExactly("BI-RADS 3/SCAN.PNG");
    }

    @Test
    void unknownClassFolderFailsListingTheFoldersFound() throws IOException {
        png(root.resolve("BI-RADS 1/a.png"), 1);
        png(root.resolve("BI-RADS 4A/a.png"), 1);
        Files.createDirectories(root.resolve("notes"));

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("Unknown class folder(s) [BI-RADS 4A, notes]")
                .hasMessageContaining("Folders found: [BI-RADS 1, BI-RADS 4A, notes]")
                .hasMessageContaining(root.toAbsolutePath().toString());
    }

    @Test
    void everyUnusedFileInAClassFolderIsListedAsSkippedWithAReason() throws IOException {
        png(root.resolve("BI-RADS 2/keep.png"), 1);
        Files.writeString(root.resolve("BI-RADS 2/.DS_Store"), "x");
        Files.writeString(root.resolve("BI-RADS 2/notes.txt"), "x");
        Files.writeString(root.resolve("BI-RADS 2/scan.dcm"), "x");
        Files.writeString(root.resolve("BI-RADS 2/noextension"), "x");
        png(root.resolve("BI-RADS 2/.hidden.png"), 1);
        png(root.resolve("BI-RADS 2/old/nested.png"), 1);
        png(root.resolve(".thumbnails/BI-RADS 2/t.png"), 1);

        Dataset d = DatasetScanner.scan(root);

        // A .dcm file is offered to the decoder, which reads the format from the content and rejects this one.
        assertThat(d.images()).extracting(LabeledImage::id).containsExactly("BI-RADS 2/keep.png", "BI-RADS 2/scan.dcm");
        assertThat(d.skipped()).extracting(SkippedFile::id).containsExactly(
                ".thumbnails/", "BI-RADS 2/.DS_Store", "BI-RADS 2/.hidden.png", "BI-RADS 2/noextension",
                "BI-RADS 2/notes.txt", "BI-RADS 2/old/");
        assertThat(d.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
        assertThat(reason(d, ".thumbnails/")).contains("hidden");
        assertThat(reason(d, "BI-RADS 2/.DS_Store")).contains("hidden");
        assertThat(reason(d, "BI-RADS 2/.hidden.png")).contains("hidden");
        assertThat(reason(d, "BI-RADS 2/notes.txt")).contains("not an image").contains("png");
        assertThat(reason(d, "BI-RADS 2/noextension")).contains("not an image");
        assertThat(reason(d, "BI-RADS 2/old/")).contains("nested folder");
    }

    private static String reason(Dataset d, String id) {
        return d.skipped().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().reason();
    }

    @Test
    void filesAtTheRootAreNotImages() throws IOException {
        png(root.resolve("BI-RADS 0/a.png"), 1);
        Files.writeString(root.resolve("README.md"), "about");
        png(root.resolve("overview.png"), 1);

        assertThat(DatasetScanner.scan(root).images()).extracting(LabeledImage::id).containsExactly("BI-RADS 0/a.png");
    }

    @Test
    void emptyRootFailsExplainingTheExpectedLayout() {
        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("No images found in " + root.toAbsolutePath())
                .hasMessageContaining("BI-RADS 0");
    }

    @Test
    void classFoldersWithoutImagesFailAndSayWhatWasSkipped() throws IOException {
        Files.createDirectories(root.resolve("BI-RADS 1"));
        Files.writeString(root.resolve("BI-RADS 1/list.csv"), "a,b");

        assertThatThrownBy(() -> DatasetScanner.scan(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("No images found")
                .hasMessageContaining("BI-RADS 1/list.csv");
    }

    @Test
    void missingRootFailsNamingIt() {
        Path missing = root.resolve("absent");

        assertThatThrownBy(() -> DatasetScanner.scan(missing))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void fingerprintIsStableAcrossScansCopiesAndTimestamps(@TempDir Path copy) throws IOException {
        TinyDatasets.write(root, new int[] {2, 3, 1, 0, 2, 1}, 5);
        String first = DatasetScanner.scan(root).fingerprint();

        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(DatasetScanner.scan(root).fingerprint()).isEqualTo(first);

        copyTree(root, copy);
        assertThat(DatasetScanner.scan(copy).fingerprint()).as("independent of where the dataset lives").isEqualTo(first);

        Files.setLastModifiedTime(root.resolve("BI-RADS 1/img-000.png"), FileTime.fromMillis(0));
        Files.writeString(root.resolve("BI-RADS 1/notes.txt"), "skipped files are not data");
        Files.writeString(root.resolve("README.md"), "root files are not data");
        assertThat(DatasetScanner.scan(root).fingerprint()).isEqualTo(first);
    }

    @Test
    void fingerprintChangesWhenOnePixelChanges() throws IOException {
        TinyDatasets.write(root, new int[] {2, 3, 1, 0, 2, 1}, 5);
        String before = DatasetScanner.scan(root).fingerprint();
        Path file = root.resolve("BI-RADS 4/img-001.png");
        BufferedImage img = ImageIO.read(file.toFile());
        img.getRaster().setSample(7, 7, 0, img.getRaster().getSample(7, 7, 0) ^ 1);
        ImageIO.write(img, "png", file.toFile());

        assertThat(DatasetScanner.scan(root).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void fingerprintChangesWhenOneByteChanges() throws IOException {
        TinyDatasets.write(root, new int[] {2, 3, 1, 0, 2, 1}, 5);
        String before = DatasetScanner.scan(root).fingerprint();
        Path file = root.resolve("BI-RADS 0/img-000.png");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);

        assertThat(DatasetScanner.scan(root).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void fingerprintChangesWhenAnImageMovesToAnotherClass() throws IOException {
        TinyDatasets.write(root, new int[] {2, 3, 1, 0, 2, 1}, 5);
        String before = DatasetScanner.scan(root).fingerprint();
        Files.move(root.resolve("BI-RADS 1/img-002.png"), root.resolve("BI-RADS 2/img-002.png"));

        Dataset after = DatasetScanner.scan(root);
        assertThat(after.classCounts()).containsExactly(2, 2, 2, 0, 2, 1);
        assertThat(after.fingerprint()).isNotEqualTo(before);
    }

    @Test
    void fingerprintIsTheDocumentedDigest() throws Exception {
        png(root.resolve("BI-RADS 3/one.png"), 9);
        byte[] content = Files.readAllBytes(root.resolve("BI-RADS 3/one.png"));
        String contentHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        String line = "BI-RADS 3/one.png\t3\t" + contentHash + "\n";
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));

        assertThat(DatasetScanner.scan(root).fingerprint()).isEqualTo(expected);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
