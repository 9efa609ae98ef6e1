package org.biradsrepro.data.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The image formats this suite decodes, recognised from a file's first bytes (its magic number), never from its
 * name: a JPEG named {@code .png} decodes as the JPEG it is, and a text file named {@code .png} is refused as text.
 */
public enum ImageFormat {
    PNG("PNG", "png", true),
    JPEG("JPEG", "jpeg", true),
    /** May be compressed (LZW, Deflate, JPEG) or not: cached, as the compressed case is common. */
    TIFF("TIFF", "tiff", true),
    BMP("BMP", "bmp", false),
    GIF("GIF", "gif", true),
    /**
     * Binary PGM (P5) and PPM (P6), 8 or 16 bits per sample, as DDSM's conversions are distributed; read by
     * TwelveMonkeys' ImageIO plugin (imageio-pnm).
     */
    PNM("PGM/PPM", "pnm", false),
    /** DICOM Part 10 files: a 128-byte preamble, then {@code DICM}. Only the uncompressed ones are decoded. */
    DICOM("DICOM", null, false);

    /**
     * Name suffixes under which datasets ship these formats (CBIS-DDSM {@code .dcm}, VinDr-Mammo {@code .dicom},
     * DDSM conversions {@code .pgm}), for a scanner deciding which files to offer; decoding ignores names.
     */
    public static final Set<String> FILE_SUFFIXES = Set.of("png", "jpg", "jpeg", "jpe", "jfif", "tif", "tiff",
            "bmp", "gif", "pgm", "ppm", "pnm", "dcm", "dicom", "dic");

    /** Enough bytes to recognise every format (the DICOM prefix sits after a 128-byte preamble). */
    public static final int SNIFF_BYTES = 132;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String displayName;
    private final String imageIoName;
    private final boolean compressed;

    ImageFormat(String displayName, String imageIoName, boolean compressed) {
        this.displayName = displayName;
        this.imageIoName = imageIoName;
        this.compressed = compressed;
    }

    /**
     * Whether decoding costs more than reading the file: a decode cache pays only for these, since a cache hit
     * must hash the whole file (DecodeBenchmark, 4000x3000 16-bit: DICOM decodes in ~13 ms, its hash takes ~50).
     */
    public boolean compressed() {
        return compressed;
    }

    public String displayName() {
        return displayName;
    }

    /** The format name of the JDK's ImageIO reader that decodes it, or null where this suite has its own reader. */
    String imageIoName() {
        return imageIoName;
    }

    /** The format that {@code head} (a file's first bytes, up to {@link #SNIFF_BYTES}) starts with. */
    public static Optional<ImageFormat> sniff(byte[] head) {
        if (startsWith(head, 0, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, new byte[] {'I', 'I', 42, 0}) || startsWith(head, 0, new byte[] {'M', 'M', 0, 42})) {
            return Optional.of(TIFF);
        }
        if (startsWith(head, 128, "DICM".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(DICOM);
        }
        if (startsWith(head, 0, "GIF8".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(GIF);
        }
        if (head.length >= 3 && head[0] == 'P' && head[1] >= '1' && head[1] <= '7' && isSpace(head[2])) {
            return Optional.of(PNM);
        }
        if (startsWith(head, 0, new byte[] {'B', 'M'}) && head.length >= 14) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /** The first bytes as hex and printable text, for an error message about content nobody recognised. */
    static String describe(byte[] head) {
        byte[] shown = Arrays.copyOf(head, Math.min(head.length, 8));
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (byte b : shown) {
            hex.append(String.format("%02x ", b & 0xFF));
            text.append(b >= 32 && b < 127 ? (char) b : '.');
        }
        return hex.toString().trim() + " (\"" + text + "\")";
    }

    static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == 0x0C;
    }

    private static boolean startsWith(byte[] head, int offset, byte[] magic) {
        if (head.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
