package org.biradsrepro.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes the corpus of odd and broken image files under {@code fixtures/bad-images}, byte for byte the same on
 * every run (seeded values, the JDK's deterministic encoders, DICOM and broken headers assembled by hand from the
 * formats' byte layouts). {@code BadImageCorpusTest} checks that the committed files equal what this writes.
 * Regenerate: {@code java -cp target/classes:target/test-classes org.biradsrepro.data.image.BadImageCorpus fixtures/bad-images}.
 */
public final class BadImageCorpus {

    /** 4x4 samples shared by the decodable gray files: expected outputs follow from them by the formats' rules. */
    static final int[] GRAY8 = {0, 17, 34, 51, 68, 85, 102, 119, 136, 153, 170, 187, 204, 221, 238, 255};
    static final int[] GRAY16 = {0, 1, 257, 4095, 4096, 12345, 25700, 32767, 32768, 40000, 50000, 60000, 65000,
        65279, 65534, 65535};
    /** 12 bits stored in 16: the last pixel carries garbage in the 4 unused high bits, which must be masked off. */
    static final int[] DICOM12 = {0, 1000, 1535, 1536, 1537, 1800, 2047, 2048, 2300, 2558, 2559, 2560, 3000, 4000,
        4095, 0xF000 | 2200};
    static final int[] DICOM_SIGNED = {-32768, -20000, -1000, -1, 0, 1, 50, 1000, 5000, 10000, 20000, 30000, 32767,
        -5, 7, 12345};
    static final int[][] PALETTE = {{255, 0, 0}, {0, 128, 0}, {0, 0, 255}, {200, 200, 200}};

    private BadImageCorpus() {}

    public static void main(String[] args) {
        writeAll(Path.of(args.length > 0 ? args[0] : "fixtures/bad-images"));
    }

    /** Every corpus file by name (the unreadable file is made by the test: git cannot keep permissions 000). */
    static Map<String, byte[]> files() {
        Map<String, byte[]> f = new LinkedHashMap<>();
        SplittableRandom rng = new SplittableRandom(20261125);
        byte[] noisePng = png(gray8(32, 32, rng.ints(32 * 32, 0, 256).toArray()));
        f.put("truncated.png", Arrays.copyOf(noisePng, noisePng.length / 2));
        byte[] noiseJpeg = jpeg(gray8(32, 32, rng.ints(32 * 32, 0, 256).toArray()));
        f.put("truncated.jpg", Arrays.copyOf(noiseJpeg, noiseJpeg.length * 3 / 5));
        f.put("zero-bytes.png", new byte[0]);
        f.put("text-named.png", "This is a text file that someone named .png\n".getBytes(StandardCharsets.US_ASCII));
        f.put("cmyk.jpg", cmykJpeg());
        f.put("palette.png", png(palette()));
        f.put("alpha.png", png(alpha()));
        f.put("one-pixel.png", png(gray8(1, 1, 128)));
        f.put("huge-declared.png", hugeDeclaredPng(100_000, 100_000));
        f.put("gray8-jpeg-named.png", jpeg(gray8(8, 8, filled(64, 100))));
        f.put("gray16.png", png(gray16(GRAY16)));
        f.put("gray16.pgm", pgm16(GRAY16));
        f.put("gray16.tif", encode(gray16(GRAY16), "tiff"));
        f.put("mono2-explicit-12bit-window.dcm", dicom(false, false, DICOM12, 12, "MONOCHROME2",
                "2048", "1024", null, null, EXPLICIT));
        f.put("mono1-implicit-signed-rescale.dcm", dicom(true, true, DICOM_SIGNED, 16, "MONOCHROME1",
                null, null, "2", "-100", IMPLICIT));
        byte[] whole = f.get("mono2-explicit-12bit-window.dcm");
        f.put("truncated.dcm", Arrays.copyOf(whole, whole.length - 10));
        f.put("jpeg2000.dcm", jpeg2000Dicom());
        return f;
    }

    static void writeAll(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> e : files().entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage gray8(int w, int h, int... values) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, w, h, 0, values);
        return img;
    }

    private static BufferedImage gray16(int[] values) {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSamples(0, 0, 4, 4, 0, values);
        return img;
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    /** 4x4, pixel i has palette entry i % 4. */
    private static BufferedImage palette() {
        byte[][] rgb = new byte[3][PALETTE.length];
        for (int i = 0; i < PALETTE.length; i++) {
            for (int c = 0; c < 3; c++) {
                rgb[c][i] = (byte) PALETTE[i][c];
            }
        }
        IndexColorModel model = new IndexColorModel(2, PALETTE.length, rgb[0], rgb[1], rgb[2]);
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_BINARY, model);
        for (int i = 0; i < 16; i++) {
            img.getRaster().setSample(i % 4, i / 4, 0, i % 4);
        }
        return img;
    }

    /** 4x4 RGBA: red = 16 i, green = 255 - 16 i, blue = 7, alpha = 17 i (0 = fully transparent). */
    private static BufferedImage alpha() {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < 16; i++) {
            img.setRGB(i % 4, i / 4, (17 * i) << 24 | (16 * i) << 16 | (255 - 16 * i) << 8 | 7);
        }
        return img;
    }

    private static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    private static byte[] jpeg(BufferedImage img) {
        return encode(img, "jpeg");
    }

    private static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no " + format + " writer for " + img);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A four-component JPEG written from a raw raster, as print workflows produce: readers see CMYK. */
    private static byte[] cmykJpeg() {
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 8, 8, 4, null);
        for (int i = 0; i < 64; i++) {
            raster.setPixel(i % 8, i / 8, new int[] {i * 4, 255 - i * 4, 30, 60});
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A PNG whose IHDR declares w x h 8-bit gray pixels, followed by no image data: a decompression-bomb header. */
    private static byte[] hugeDeclaredPng(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Binary PGM (P5), maxval 65535, samples big-endian (Netpbm), with a comment line as converters write. */
    private static byte[] pgm16(int[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("P5\n# converted from DDSM LJPEG\n4 4\n65535\n".getBytes(StandardCharsets.US_ASCII));
        for (int v : values) {
            out.write(v >> 8);
            out.write(v & 0xFF);
        }
        return out.toByteArray();
    }

    static final String EXPLICIT = "1.2.840.10008.1.2.1";
    static final String IMPLICIT = "1.2.840.10008.1.2";
    static final String JPEG2000 = "1.2.840.10008.1.2.4.90";
    private static final String MAMMOGRAPHY_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2";

    /**
     * A 4x4 single-frame DICOM file laid out by PS3.10 (preamble, DICM, Explicit VR Little Endian file meta) and
     * PS3.5 (data elements in tag order, explicit or implicit VR), with a sequence of undefined length before the
     * image elements so that a reader must skip it properly.
     */
    private static byte[] dicom(boolean implicit, boolean signed, int[] values, int bitsStored, String photometric,
                                String windowCenter, String windowWidth, String slope, String intercept,
                                String syntax) {
        return dicom(implicit, signed, 4, 4, values, bitsStored, photometric, windowCenter, windowWidth, slope,
                intercept, syntax);
    }

    /** An Explicit VR Little Endian MONOCHROME2 file of any size, e.g. a full-size mammogram for a benchmark. */
    public static byte[] explicitDicom(int width, int height, int[] values, int bitsStored) {
        return dicom(false, false, width, height, values, bitsStored, "MONOCHROME2", null, null, null, null, EXPLICIT);
    }

    private static byte[] dicom(boolean implicit, boolean signed, int width, int height, int[] values,
                                int bitsStored, String photometric, String windowCenter, String windowWidth,
                                String slope, String intercept, String syntax) {
        DicomOut d = new DicomOut(implicit);
        d.string(0x00080016, "UI", MAMMOGRAPHY_FOR_PRESENTATION);
        d.string(0x00080060, "CS", "MG");
        d.undefinedLengthSequence(0x00081140, 0x00081150, "UI", "1.2.3.4");
        d.us(0x00280002, 1);
        d.string(0x00280004, "CS", photometric);
        d.us(0x00280010, height);
        d.us(0x00280011, width);
        d.us(0x00280100, 16);
        d.us(0x00280101, bitsStored);
        d.us(0x00280102, bitsStored - 1);
        d.us(0x00280103, signed ? 1 : 0);
        if (windowCenter != null) {
            d.string(0x00281050, "DS", windowCenter + "\\" + "999");
            d.string(0x00281051, "DS", windowWidth + "\\" + "1");
        }
        if (intercept != null) {
            d.string(0x00281052, "DS", intercept);
            d.string(0x00281053, "DS", slope);
        }
        ByteBuffer pixels = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            pixels.putShort((short) v);
        }
        d.bytes(0x7FE00010, "OW", pixels.array());
        return DicomOut.file(syntax, d.toByteArray());
    }

    /** JPEG 2000 transfer syntax with encapsulated pixel data: an offset table item and one fragment. */
    private static byte[] jpeg2000Dicom() {
        DicomOut d = new DicomOut(false);
        d.string(0x00080016, "UI", MAMMOGRAPHY_FOR_PRESENTATION);
        d.us(0x00280002, 1);
        d.string(0x00280004, "CS", "MONOCHROME2");
        d.us(0x00280010, 4);
        d.us(0x00280011, 4);
        d.us(0x00280100, 16);
        d.us(0x00280101, 16);
        d.us(0x00280102, 15);
        d.us(0x00280103, 0);
        d.encapsulated(0x7FE00010, new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51});
        return DicomOut.file(JPEG2000, d.toByteArray());
    }

    /** Little-endian DICOM element writer (PS3.5 7.1); values padded to even length. */
    private static final class DicomOut {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final boolean implicit;

        DicomOut(boolean implicit) {
            this.implicit = implicit;
        }

        static byte[] file(String syntax, byte[] dataset) {
            DicomOut meta = new DicomOut(false);
            meta.bytes(0x00020001, "OB", new byte[] {0, 1});
            meta.string(0x00020002, "UI", MAMMOGRAPHY_FOR_PRESENTATION);
            meta.string(0x00020003, "UI", "1.2.826.0.1.3680043.2.1125.1");
            meta.string(0x00020010, "UI", syntax);
            byte[] metaBytes = meta.toByteArray();
            DicomOut group = new DicomOut(false);
            group.element(0x00020000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(metaBytes.length).array());
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.writeBytes(new byte[128]);
            f.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
            f.writeBytes(group.toByteArray());
            f.writeBytes(metaBytes);
            f.writeBytes(dataset);
            return f.toByteArray();
        }

        void us(int tag, int v) {
            element(tag, "US", new byte[] {(byte) v, (byte) (v >> 8)});
        }

        void string(int tag, String vr, String v) {
            byte[] b = v.getBytes(StandardCharsets.US_ASCII);
            if (b.length % 2 == 1) {
                b = Arrays.copyOf(b, b.length + 1);
                b[b.length - 1] = (byte) (vr.equals("UI") ? 0 : ' ');
            }
            element(tag, vr, b);
        }

        void bytes(int tag, String vr, byte[] v) {
            element(tag, vr, v);
        }

        void element(int tag, String vr, byte[] value) {
            header(tag, vr, value.length);
            out.writeBytes(value);
        }

        /** A sequence and its one item, both of undefined length, closed by delimiters (PS3.5 7.5). */
        void undefinedLengthSequence(int tag, int innerTag, String innerVr, String innerValue) {
            header(tag, "SQ", -1);
            tagOnly(0xFFFEE000);
            int32(-1);
            string(innerTag, innerVr, innerValue);
            tagOnly(0xFFFEE00D);
            int32(0);
            tagOnly(0xFFFEE0DD);
            int32(0);
        }

        /** Encapsulated pixel data (PS3.5 A.4): empty basic offset table item, one fragment, delimiter. */
        void encapsulated(int tag, byte[] fragment) {
            header(tag, "OB", -1);
            tagOnly(0xFFFEE000);
            int32(0);
            tagOnly(0xFFFEE000);
            int32(fragment.length);
            out.writeBytes(fragment);
            tagOnly(0xFFFEE0DD);
            int32(0);
        }

        private void header(int tag, String vr, int length) {
            tagOnly(tag);
            if (implicit) {
                int32(length);
                return;
            }
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (Arrays.asList("OB", "OW", "SQ", "UN", "UT").contains(vr)) {
                out.write(0);
                out.write(0);
                int32(length);
            } else {
                out.write(length & 0xFF);
                out.write(length >> 8);
            }
        }

        private void tagOnly(int tag) {
            int group = tag >>> 16;
            int element = tag & 0xFFFF;
            out.write(group & 0xFF);
            out.write(group >> 8);
            out.write(element & 0xFF);
            out.write(element >> 8);
        }

        private void int32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
