package org.biradsrepro.data.image;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.biradsrepro.data.DatasetException;

/**
 * The uncompressed subset of DICOM (PS3.10 files in Explicit or Implicit VR Little Endian), single-frame
 * grayscale, as mammography archives (CBIS-DDSM, VinDr-Mammo after decompression) hold it. Pixel values follow
 * PS3.3 C.11 from stored value to display: mask to Bits Stored, sign-extend when Pixel Representation is 1, apply
 * Rescale Slope/Intercept, then the first Window Center/Width of the file (VOI LUT Function LINEAR, LINEAR_EXACT
 * or SIGMOID) or, without a window, the full range Bits Stored can hold; MONOCHROME1 is inverted so that dense
 * tissue is always bright. The result is a 0..255 lookup table over the stored samples, applied while resizing.
 *
 * <p>Compressed transfer syntaxes are refused naming the syntax and how to decompress the file: decoding JPEG
 * 2000 or JPEG-LS would need native codecs that Maven Central does not carry.
 */
final class DicomReader {

    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    /** PS3.6 Table A-1 names of the transfer syntaxes a mammography archive may use that are not decoded here. */
    static final Map<String, String> UNSUPPORTED_SYNTAXES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
            Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression"),
            Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"),
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"));

    private static final int ROWS = 0x00280010;
    private static final int COLUMNS = 0x00280011;
    private static final int SAMPLES_PER_PIXEL = 0x00280002;
    private static final int PHOTOMETRIC = 0x00280004;
    private static final int FRAMES = 0x00280008;
    private static final int BITS_ALLOCATED = 0x00280100;
    private static final int BITS_STORED = 0x00280101;
    private static final int HIGH_BIT = 0x00280102;
    private static final int PIXEL_REPRESENTATION = 0x00280103;
    private static final int WINDOW_CENTER = 0x00281050;
    private static final int WINDOW_WIDTH = 0x00281051;
    private static final int RESCALE_INTERCEPT = 0x00281052;
    private static final int RESCALE_SLOPE = 0x00281053;
    private static final int VOI_LUT_FUNCTION = 0x00281056;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int TRANSFER_SYNTAX = 0x00020010;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private static final Set<Integer> WANTED = Set.of(ROWS, COLUMNS, SAMPLES_PER_PIXEL, PHOTOMETRIC, FRAMES,
            BITS_ALLOCATED, BITS_STORED, HIGH_BIT, PIXEL_REPRESENTATION, WINDOW_CENTER, WINDOW_WIDTH,
            RESCALE_INTERCEPT, RESCALE_SLOPE, VOI_LUT_FUNCTION);
    /** The wanted elements of VR US (PS3.6); the others are text (CS, IS, DS). */
    private static final Set<Integer> UNSIGNED_SHORTS = Set.of(ROWS, COLUMNS, SAMPLES_PER_PIXEL, BITS_ALLOCATED,
            BITS_STORED, HIGH_BIT, PIXEL_REPRESENTATION);
    /** Explicit VRs with a 2-byte reserved field and a 4-byte length (PS3.5 7.1.2). */
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
            "UR", "UT", "UV");

    private final Path file;
    private final ByteBuffer buf;
    private final Map<Integer, String> text = new HashMap<>();
    private final Map<Integer, Integer> numbers = new HashMap<>();
    private boolean implicit;
    private int pixelOffset = -1;
    private long pixelLength;

    private DicomReader(Path file, ByteBuffer buf) {
        this.file = file;
        this.buf = buf;
    }

    static DecodedImage read(Path file, long maxPixels) throws IOException {
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        DicomReader reader = new DicomReader(file, mapped.order(ByteOrder.LITTLE_ENDIAN));
        try {
            return reader.decode(maxPixels);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw ImageDecoder.failure(file, "DICOM data is truncated or malformed: an element runs past the end of "
                    + "the file (" + reader.buf.limit() + " bytes)");
        }
    }

    private DecodedImage decode(long maxPixels) {
        buf.position(132);
        String syntax = readFileMeta();
        implicit = syntax.equals(IMPLICIT_LE);
        if (!implicit && !syntax.equals(EXPLICIT_LE)) {
            throw unsupportedSyntax(syntax);
        }
        readDataset();
        int rows = required(ROWS, "Rows");
        int columns = required(COLUMNS, "Columns");
        String photometric = text.getOrDefault(PHOTOMETRIC, "").trim().toUpperCase(Locale.ROOT);
        int samples = numbers.getOrDefault(SAMPLES_PER_PIXEL, 1);
        if (samples != 1 || !(photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2"))) {
            throw ImageDecoder.failure(file, "DICOM photometric interpretation '" + photometric + "' with " + samples
                    + " sample(s) per pixel is not supported; only grayscale MONOCHROME1/MONOCHROME2 (mammograms)");
        }
        int frames = firstInt(FRAMES, 1);
        if (frames != 1) {
            throw ImageDecoder.failure(file, "DICOM file holds " + frames + " frames (e.g. tomosynthesis); only "
                    + "single-frame images are supported");
        }
        int allocated = required(BITS_ALLOCATED, "Bits Allocated");
        int stored = numbers.getOrDefault(BITS_STORED, allocated);
        int highBit = numbers.getOrDefault(HIGH_BIT, stored - 1);
        boolean signed = numbers.getOrDefault(PIXEL_REPRESENTATION, 0) == 1;
        if (allocated != 8 && allocated != 16) {
            throw ImageDecoder.failure(file, "DICOM Bits Allocated " + allocated + " is not supported (8 or 16)");
        }
        if (stored < 1 || stored > allocated || highBit != stored - 1) {
            throw ImageDecoder.failure(file, "DICOM Bits Stored " + stored + " / High Bit " + highBit
                    + " do not fit Bits Allocated " + allocated + " (expected High Bit = Bits Stored - 1)");
        }
        ImageDecoder.checkDeclaredSize(file, ImageFormat.DICOM, columns, rows, maxPixels);
        if (pixelOffset < 0) {
            throw ImageDecoder.failure(file, "DICOM file has no Pixel Data element (7FE0,0010)");
        }
        long needed = (long) rows * columns * (allocated / 8);
        if (pixelLength < needed || pixelOffset + needed > buf.limit()) {
            throw ImageDecoder.failure(file, "DICOM pixel data is truncated: " + columns + "x" + rows + " at "
                    + allocated + " bits needs " + needed + " bytes, the file holds "
                    + Math.min(pixelLength, buf.limit() - pixelOffset));
        }
        float[] lut = lut(allocated == 8 ? 256 : 65536, stored, signed, photometric.equals("MONOCHROME1"));
        ByteBuffer pixels = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(pixelOffset);
        int n = rows * columns;
        if (allocated == 8) {
            byte[] data = new byte[n];
            pixels.get(data);
            return DecodedImage.gray(Plane.ofBytes(columns, rows, data, lut));
        }
        short[] data = new short[n];
        pixels.asShortBuffer().get(data);
        return DecodedImage.gray(Plane.ofShorts(columns, rows, data, lut));
    }

    /** Stored sample pattern -> modality value -> VOI window -> 0..255, inverted for MONOCHROME1. */
    private float[] lut(int entries, int bitsStored, boolean signed, boolean inverted) {
        double slope = decimal(RESCALE_SLOPE, 1.0);
        double intercept = decimal(RESCALE_INTERCEPT, 0.0);
        long lowest = signed ? -(1L << (bitsStored - 1)) : 0;
        long highest = signed ? (1L << (bitsStored - 1)) - 1 : (1L << bitsStored) - 1;
        Window window = window(slope, intercept, lowest, highest);
        int mask = (int) ((1L << bitsStored) - 1);
        float[] lut = new float[entries];
        for (int pattern = 0; pattern < entries; pattern++) {
            int value = pattern & mask;
            if (signed && value > highest) {
                value -= 1 << bitsStored;
            }
            double y = window.apply(value * slope + intercept);
            lut[pattern] = (float) (inverted ? 255.0 - y : y);
        }
        return lut;
    }

    private interface Window {
        double apply(double x);
    }

    private Window window(double slope, double intercept, long lowest, long highest) {
        if (!text.containsKey(WINDOW_CENTER) || !text.containsKey(WINDOW_WIDTH)) {
            double a = lowest * slope + intercept;
            double b = highest * slope + intercept;
            double lo = Math.min(a, b);
            double range = Math.max(a, b) - lo;
            return x -> range == 0 ? 0 : (x - lo) / range * 255.0;
        }
        double c = decimal(WINDOW_CENTER, 0);
        double w = decimal(WINDOW_WIDTH, 0);
        String function = text.getOrDefault(VOI_LUT_FUNCTION, "LINEAR").trim().toUpperCase(Locale.ROOT);
        switch (function) {
            case "LINEAR" -> {
                requireWidth(w, 1, function);
                // PS3.3 C.11.2.1.2.1
                return x -> x <= c - 0.5 - (w - 1) / 2 ? 0
                        : x > c - 0.5 + (w - 1) / 2 ? 255 : ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
            }
            case "LINEAR_EXACT" -> {
                requireWidth(w, Double.MIN_VALUE, function);
                // PS3.3 C.11.2.1.3.2
                return x -> x <= c - w / 2 ? 0 : x > c + w / 2 ? 255 : ((x - c) / w + 0.5) * 255;
            }
            case "SIGMOID" -> {
                requireWidth(w, Double.MIN_VALUE, function);
                // PS3.3 C.11.2.1.3.1
                return x -> 255 / (1 + Math.exp(-4 * (x - c) / w));
            }
            default -> throw ImageDecoder.failure(file, "DICOM VOI LUT Function '" + function
                    + "' is not one of LINEAR, LINEAR_EXACT, SIGMOID");
        }
    }

    private void requireWidth(double w, double min, String function) {
        if (!(w >= min)) {
            throw ImageDecoder.failure(file, "DICOM Window Width " + w + " is invalid for VOI LUT Function "
                    + function + " (PS3.3 C.11.2.1.2 requires " + (min == 1 ? ">= 1" : "> 0") + ")");
        }
    }

    private DatasetException unsupportedSyntax(String syntax) {
        String name = UNSUPPORTED_SYNTAXES.getOrDefault(syntax, "not a transfer syntax this suite knows");
        return ImageDecoder.failure(file, "DICOM transfer syntax " + syntax + " (" + name + ") is not supported: "
                + "only uncompressed Explicit VR Little Endian (" + EXPLICIT_LE + ") and Implicit VR Little Endian ("
                + IMPLICIT_LE + ") are decoded. Decompress the file first, e.g. with GDCM: gdcmconv --raw in.dcm "
                + "out.dcm, or with DCMTK: dcmdjpeg in.dcm out.dcm (JPEG), dcmdjpls (JPEG-LS), dcmdrle (RLE)");
    }

    /** Group 0002 is always Explicit VR Little Endian (PS3.10 7.1); returns the Transfer Syntax UID. */
    private String readFileMeta() {
        String syntax = null;
        while (buf.remaining() >= 8 && (buf.getShort(buf.position()) & 0xFFFF) == 0x0002) {
            int tag = tag();
            String vr = vr();
            long length = length(vr);
            if (tag == TRANSFER_SYNTAX) {
                syntax = string(buf.position(), (int) length);
            }
            skip(length);
        }
        if (syntax == null || syntax.isEmpty()) {
            throw ImageDecoder.failure(file, "DICOM file meta information has no Transfer Syntax UID (0002,0010)");
        }
        return syntax;
    }

    private void readDataset() {
        while (buf.remaining() >= 8) {
            int tag = tag();
            String vr = implicit ? null : vr();
            long length = length(vr);
            if (tag == PIXEL_DATA) {
                if (length == UNDEFINED) {
                    throw ImageDecoder.failure(file, "DICOM pixel data is encapsulated (compressed) although the "
                            + "transfer syntax says uncompressed; the file is inconsistent");
                }
                pixelOffset = buf.position();
                pixelLength = length;
                return;
            }
            if (length == UNDEFINED) {
                skipSequence(implicit || "UN".equals(vr));
            } else {
                if (WANTED.contains(tag)) {
                    keep(tag, (int) length);
                }
                skip(length);
            }
        }
    }

    private void keep(int tag, int length) {
        if (UNSIGNED_SHORTS.contains(tag)) {
            numbers.put(tag, buf.getShort(buf.position()) & 0xFFFF);
        } else {
            text.put(tag, string(buf.position(), length));
        }
    }

    /** Skips a sequence of undefined length: items (defined or delimited) up to the sequence delimiter. */
    private void skipSequence(boolean implicitInside) {
        while (true) {
            int tag = tag();
            long length = buf.getInt() & UNDEFINED;
            if (tag == SEQUENCE_END) {
                return;
            }
            if (tag != ITEM) {
                throw ImageDecoder.failure(file, "DICOM sequence holds element " + hex(tag) + " where an item was "
                        + "expected; the file is malformed");
            }
            if (length != UNDEFINED) {
                skip(length);
                continue;
            }
            while (true) {
                int inner = tag();
                if (inner == ITEM_END) {
                    buf.getInt();
                    break;
                }
                String vr = implicitInside ? null : vr();
                long innerLength = length(vr);
                if (innerLength == UNDEFINED) {
                    skipSequence(implicitInside || "UN".equals(vr));
                } else {
                    skip(innerLength);
                }
            }
        }
    }

    private int tag() {
        int group = buf.getShort() & 0xFFFF;
        int element = buf.getShort() & 0xFFFF;
        return (group << 16) | element;
    }

    private String vr() {
        return new String(new byte[] {buf.get(), buf.get()}, StandardCharsets.US_ASCII);
    }

    /** The value length after the tag (and VR): 4 bytes implicit or for long VRs, else 2. */
    private long length(String vr) {
        if (vr == null) {
            return buf.getInt() & UNDEFINED;
        }
        if (LONG_VRS.contains(vr)) {
            buf.getShort();
            return buf.getInt() & UNDEFINED;
        }
        return buf.getShort() & 0xFFFF;
    }

    private void skip(long length) {
        if (length > buf.remaining()) {
            throw new BufferUnderflowException();
        }
        buf.position(buf.position() + (int) length);
    }

    private String string(int offset, int length) {
        byte[] bytes = new byte[length];
        buf.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII).replace("\0", "").trim();
    }

    private int required(int tag, String name) {
        Integer v = numbers.get(tag);
        if (v == null) {
            throw ImageDecoder.failure(file, "DICOM file has no " + name + " " + hex(tag) + "; is it an image?");
        }
        return v;
    }

    private int firstInt(int tag, int fallback) {
        String v = text.get(tag);
        return v == null || v.isEmpty() ? fallback : (int) Math.round(parse(tag, v));
    }

    /** The first value of a decimal string (DS may hold several, e.g. one window per preset). */
    private double decimal(int tag, double fallback) {
        String v = text.get(tag);
        return v == null || v.isEmpty() ? fallback : parse(tag, v);
    }

    private double parse(int tag, String v) {
        String first = v.split("\\\\")[0].trim();
        try {
            return Double.parseDouble(first);
        } catch (NumberFormatException e) {
            throw ImageDecoder.failure(file, "DICOM element " + hex(tag) + " holds '" + v + "', not a number");
        }
    }

    private static String hex(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
