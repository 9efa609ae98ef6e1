package org.biradsrepro.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats this suite decodes, recognised from a file's first bytes (its magic number), never from its
 * name: a JPEG named {@code .png} decodes as the JPEG it is, and a text file named {@code .png} is refused as text.
 */
public enum ImageFormat {
    PNG("PNG", "png"),
    JPEG("JPEG", "jpeg"),
    TIFF("TIFF", "tiff"),
    BMP("BMP", "bmp"),
    GIF("GIF", "gif"),
    /** Binary PGM (P5) and PPM (P6), 8 or 16 bits per sample, as DDSM's conversions are distributed. */
    PNM("PGM/PPM", null),
    /** DICOM Part 10 files: a 128-byte preamble, then {@code DICM}. */
    DICOM("DICOM", null);

    /** Enough bytes to recognise every format (the DICOM prefix sits after a 128-byte preamble). */
    public static final int SNIFF_BYTES = 132;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String displayName;
    private final String imageIoName;

    ImageFormat(String displayName, String imageIoName) {
        this.displayName = displayName;
        this.imageIoName = imageIoName;
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
