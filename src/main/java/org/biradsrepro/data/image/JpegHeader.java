package org.biradsrepro.data.image;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JPEG's frame header (SOFn marker) before decoding, to refuse what Java's decoder would misread or
 * reject with an obscure message: CMYK and YCCK (four components, from print workflows), lossless and
 * arithmetic-coded JPEG, and 12-bit samples. Also checks the declared size against the pixel limit.
 *
 * <p>Kept hand-written on purpose (issue 13 asked whether TwelveMonkeys' imageio-jpeg 3.13.1 could replace it; tried
 * on this corpus and on patched headers): that reader reports the declared size before decoding, as needed, but
 * (1) a 12-bit frame fails with "Invalid JPEG file structure: missing SOS marker" instead of saying what is wrong
 * and how to convert it; (2) a frame marked arithmetic-coded (SOF9) over Huffman data was decoded without error or
 * warning, where a refusal is due; (3) CMYK/YCCK frames are converted to RGB through a generic print profile when
 * the file carries none, which is no faithful gray for a mammogram. So JPEG stays with the JDK's reader behind this
 * check, and CMYK/YCCK stay refused with the message below ({@code fixtures/bad-images/cmyk.jpg}).
 */
final class JpegHeader {

    private JpegHeader() {}

    static void check(Path file, long maxPixels) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            in.readUnsignedShort(); // SOI, already sniffed
            boolean adobe = false;
            while (true) {
                int marker = nextMarker(in);
                if (marker == 0xD9 || marker == 0xDA) {
                    throw ImageDecoder.failure(file, "JPEG has no frame header before its "
                            + (marker == 0xDA ? "scan data" : "end") + "; the file is corrupt");
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    continue; // markers without a length
                }
                int length = in.readUnsignedShort();
                if (length < 2) {
                    throw ImageDecoder.failure(file, "JPEG marker FF" + Integer.toHexString(marker) + " has length "
                            + length + "; the file is corrupt");
                }
                if (marker == 0xEE && length >= 14) {
                    adobe = true;
                }
                if (isFrameHeader(marker)) {
                    int precision = in.readUnsignedByte();
                    int height = in.readUnsignedShort();
                    int width = in.readUnsignedShort();
                    int components = in.readUnsignedByte();
                    refuseUnsupported(file, marker, precision, components, adobe);
                    ImageDecoder.checkDeclaredSize(file, ImageFormat.JPEG, width, height, maxPixels);
                    return;
                }
                in.skipNBytes(length - 2);
            }
        } catch (EOFException e) {
            throw ImageDecoder.failure(file, "JPEG data is truncated before its frame header");
        }
    }

    private static void refuseUnsupported(Path file, int marker, int precision, int components, boolean adobe) {
        if (marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF) {
            throw ImageDecoder.failure(file, "lossless JPEG (SOF" + (marker - 0xC0) + ") is not decoded by Java's "
                    + "JPEG reader; convert it to PNG, e.g. with ImageMagick: convert in.jpg out.png");
        }
        if (marker >= 0xC9) {
            throw ImageDecoder.failure(file, "arithmetic-coded JPEG (SOF" + (marker - 0xC0) + ") is not decoded by "
                    + "Java's JPEG reader; convert it to PNG, e.g. with ImageMagick: convert in.jpg out.png");
        }
        if (precision != 8) {
            throw ImageDecoder.failure(file, precision + "-bit JPEG is not decoded by Java's JPEG reader (8-bit "
                    + "only); convert it to a 16-bit PNG, e.g. with ImageMagick: convert in.jpg out.png");
        }
        if (components != 1 && components != 3) {
            throw ImageDecoder.failure(file, "JPEG with " + components + " colour components"
                    + (components == 4 ? (adobe ? " (CMYK or YCCK, Adobe)" : " (CMYK)") : "")
                    + " is not supported: mammograms are grayscale, and CMYK has no faithful gray without the "
                    + "print profile. Convert it, e.g. with ImageMagick: convert in.jpg -colorspace Gray out.png");
        }
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int nextMarker(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        while (b != 0xFF) {
            b = in.readUnsignedByte(); // tolerate stray bytes between segments, as decoders do
        }
        while (b == 0xFF) {
            b = in.readUnsignedByte(); // fill bytes
        }
        return b;
    }
}
