package org.biradsrepro.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ij.Prefs;
import ij.measure.Calibration;
import ij.plugin.DICOM;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our DICOM reader against ImageJ's, an independent implementation, on the corpus files: ImageJ's calibrated
 * (modality) values, put through the display rules of PS3.3 C.11 here, must give our decoded pixels. This checks
 * the parts a self-written file could get wrong in the same way on both sides: element layout, implicit and
 * explicit VR, the undefined-length sequence, signedness, Rescale Slope/Intercept.
 */
class DicomImageJCrossCheckTest {

    private static final Path DIR = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")))
            .resolve("fixtures/bad-images");

    @TempDir
    Path tmp;

    /**
     * With a Rescale Slope other than 1 ImageJ converts to 32-bit through its menu machinery, which needs a display;
     * {@code fixedDicomScaling} keeps the 16-bit pixels and puts slope and intercept into the calibration instead.
     */
    private static double[] imageJValues(Path file) {
        DICOM dicom = new DICOM();
        boolean fixedScaling = Prefs.fixedDicomScaling;
        Prefs.fixedDicomScaling = true;
        try {
            dicom.open(file.toString());
        } finally {
            Prefs.fixedDicomScaling = fixedScaling;
        }
        assertThat(dicom.getWidth()).as("ImageJ opened %s", file).isEqualTo(4);
        ImageProcessor ip = dicom.getProcessor();
        Calibration cal = dicom.getCalibration();
        double[] values = new double[16];
        for (int i = 0; i < 16; i++) {
            values[i] = cal.getCValue(ip.get(i));
        }
        return values;
    }

    private static float[] ours(Path file) {
        return new ImagePreprocessor(4).load(file);
    }

    /**
     * ImageJ's own treatment of MONOCHROME1 (a display inversion) is kept out of the comparison: ImageJ reads a copy
     * marked MONOCHROME2 (same length, nothing else moves), and our reading of the original must be its inverse.
     */
    @Test
    void signedImplicitRescaledMonochrome1MatchesImageJ() throws IOException {
        Path file = DIR.resolve("mono1-implicit-signed-rescale.dcm");
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        Path mono2 = Files.write(tmp.resolve("mono2-copy.dcm"),
                bytes.replace("MONOCHROME1", "MONOCHROME2").getBytes(StandardCharsets.ISO_8859_1));
        double[] modality = imageJValues(mono2);
        double lo = -32768 * 2.0 - 100;
        double hi = 32767 * 2.0 - 100;
        float[] decoded = ours(file);
        float[] decodedCopy = ours(mono2);
        for (int i = 0; i < 16; i++) {
            double display = (modality[i] - lo) / (hi - lo) * 255;
            assertThat((double) decodedCopy[i]).as("pixel %d (ImageJ modality value %s)", i, modality[i])
                    .isCloseTo(display, within(1e-3));
            assertThat((double) decoded[i]).as("pixel %d inverted", i).isCloseTo(255 - display, within(1e-3));
        }
    }

    /** ImageJ does not mask bits above Bits Stored, so the last pixel (garbage high bits) is left out here. */
    @Test
    void twelveBitExplicitWindowedMatchesImageJ() {
        Path file = DIR.resolve("mono2-explicit-12bit-window.dcm");
        double[] modality = imageJValues(file);
        float[] decoded = ours(file);
        for (int i = 0; i < 15; i++) {
            double x = modality[i];
            double expected = x <= 1536 ? 0 : x > 2559 ? 255 : ((x - 2047.5) / 1023 + 0.5) * 255;
            assertThat((double) decoded[i]).as("pixel %d (ImageJ modality value %s)", i, x)
                    .isCloseTo(expected, within(1e-3));
        }
    }
}
