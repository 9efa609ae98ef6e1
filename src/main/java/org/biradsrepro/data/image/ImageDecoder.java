package org.biradsrepro.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.biradsrepro.data.DatasetException;

/**
 * Decodes one image file into {@link DecodedImage} planes, whatever its name says: the format comes from the
 * content ({@link ImageFormat#sniff}). The declared size is read from the header and checked before any pixel is
 * decoded, so a decompression bomb (a small file declaring 100000x100000 pixels) is refused before it can exhaust
 * memory. Every failure is a {@link DatasetException} whose message names the file and what is wrong with it.
 */
public final class ImageDecoder {

    /** Real mammograms reach 5000x4000 = 20 MP; 50 MP leaves room and refuses bombs. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /** The smallest image the resize can use meaningfully. */
    static final int MIN_SIDE = 2;

    private ImageDecoder() {}

    public static DecodedImage decode(Path file, long maxPixels) {
        ImageFormat format = sniff(file);
        try {
            return switch (format) {
                case PNM -> {
                    refuseUnsupportedNetpbm(file);
                    yield readWithImageIo(file, format, maxPixels);
                }
                case DICOM -> DicomReader.read(file, maxPixels);
                default -> readWithImageIo(file, format, maxPixels);
            };
        } catch (DatasetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure(file, format.displayName() + " data is truncated or corrupt (" + describe(e) + ")");
        } catch (OutOfMemoryError e) {
            throw failure(file, "not enough memory to decode it; give the JVM more heap (-Xmx) or lower "
                    + "repro.maxImagePixels to refuse images this large");
        }
    }

    /** The format of the file's content; fails naming the file when it is unreadable, empty or not an image. */
    public static ImageFormat sniff(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ImageFormat.SNIFF_BYTES);
        } catch (NoSuchFileException e) {
            throw failure(file, "the file does not exist");
        } catch (AccessDeniedException e) {
            throw failure(file, "permission denied: the file is not readable by this user");
        } catch (IOException e) {
            throw failure(file, "cannot read it (" + describe(e) + ")");
        }
        if (head.length == 0) {
            throw failure(file, "the file is empty (0 bytes)");
        }
        Optional<ImageFormat> format = ImageFormat.sniff(head);
        if (format.isEmpty()) {
            throw failure(file, "its content is not an image format this suite reads (PNG, JPEG, TIFF, BMP, GIF, "
                    + "binary PGM/PPM, DICOM); it starts with " + ImageFormat.describe(head)
                    + ", whatever its name says");
        }
        return format.get();
    }

    /** Refuses a header's declared size before decoding: too small to resize, or beyond the pixel limit. */
    static void checkDeclaredSize(Path file, ImageFormat format, long width, long height, long maxPixels) {
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new DatasetException("Image " + file.toAbsolutePath() + " is " + width + "x" + height
                    + " pixels; at least " + MIN_SIDE + "x" + MIN_SIDE + " is needed to resize it meaningfully");
        }
        if (width * height > maxPixels || width * height > Integer.MAX_VALUE - 8) {
            throw failure(file, "its " + format.displayName() + " header declares " + width + "x" + height + " = "
                    + String.format("%,d", width * height) + " pixels, more than repro.maxImagePixels="
                    + maxPixels + "; refused before decoding (a decompression bomb, or a corrupt header). "
                    + "Raise repro.maxImagePixels if the image is genuine.");
        }
    }

    static DatasetException failure(Path file, String reason) {
        return new DatasetException("Cannot decode image " + file.toAbsolutePath() + ": " + reason);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /**
     * Only binary P5 (gray) and P6 (colour), as before the ImageIO plugin took over: the ASCII and bitmap variants
     * and PAM are no mammogram conversions, and the README promises binary PGM/PPM alone.
     */
    private static void refuseUnsupportedNetpbm(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(2);
        }
        int kind = head.length == 2 ? head[1] : -1;
        if (kind != '5' && kind != '6') {
            throw failure(file, "Netpbm variant P" + (char) kind + " is not supported (only binary P5 gray and P6 "
                    + "colour); convert it, e.g. with Netpbm: pamtopnm in > out.pgm, or to PNG");
        }
    }

    /**
     * Through the format's ImageIO reader: the header's declared size ({@link ImageReader#getWidth},
     * {@link ImageReader#getHeight}) is checked before {@link ImageReader#read} allocates anything. PGM/PPM samples
     * come back as TwelveMonkeys' reader gives them: exactly for maxval 255 and 65535; any other maxval is rescaled
     * by the plugin onto the full 8- or 16-bit range, rounded (off by at most half a step of that range from
     * v * 255 / maxval).
     */
    private static DecodedImage readWithImageIo(Path file, ImageFormat format, long maxPixels) throws IOException {
        if (format == ImageFormat.JPEG) {
            JpegHeader.check(file, maxPixels);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw failure(file, "no " + format.displayName() + " reader is installed in this JVM");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            checkDeclaredSize(file, format, reader.getWidth(0), reader.getHeight(0), maxPixels);
            // The JPEG reader reports a truncated file as a warning and fills the rest with gray: an error here.
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw failure(file, format.displayName() + " data is truncated or corrupt (the decoder warned: "
                        + String.join("; ", warnings) + ")");
            }
            return fromBufferedImage(image);
        } finally {
            reader.dispose();
        }
    }

    /** Gray images keep their samples (8 or 16 bit); anything else goes through sRGB, alpha dropped. */
    static DecodedImage fromBufferedImage(BufferedImage image) {
        if (isGray(image)) {
            return DecodedImage.gray(grayPlane(image));
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[][] rgb = new byte[3][w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                rgb[0][y * w + x] = (byte) (argb >> 16);
                rgb[1][y * w + x] = (byte) (argb >> 8);
                rgb[2][y * w + x] = (byte) argb;
            }
        }
        float[] identity = Plane.linearLut(256, 255);
        return new DecodedImage(w, h, List.of(Plane.ofBytes(w, h, rgb[0], identity),
                Plane.ofBytes(w, h, rgb[1], identity), Plane.ofBytes(w, h, rgb[2], identity)));
    }

    private static boolean isGray(BufferedImage image) {
        return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getColorModel().getNumColorComponents() == 1;
    }

    /** Gray samples of any bit depth mapped onto 0..255 by 255 / (2^bits - 1); no copy for plain 8/16-bit gray. */
    private static Plane grayPlane(BufferedImage image) {
        Raster raster = image.getRaster();
        int bits = image.getColorModel().getComponentSize(0);
        int w = image.getWidth();
        int h = image.getHeight();
        boolean plain = raster.getNumBands() == 1 && raster.getParent() == null
                && raster.getDataBuffer().getNumBanks() == 1 && raster.getDataBuffer().getSize() == w * h;
        if (bits <= 8) {
            float[] lut = Plane.linearLut(256, (1L << bits) - 1);
            if (plain && image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
                return Plane.ofBytes(w, h, ((DataBufferByte) raster.getDataBuffer()).getData(), lut);
            }
            byte[] samples = new byte[w * h];
            eachSample(raster, (i, v) -> samples[i] = (byte) v);
            return Plane.ofBytes(w, h, samples, lut);
        }
        float[] lut = Plane.linearLut(65536, (1L << Math.min(bits, 16)) - 1);
        if (plain && image.getType() == BufferedImage.TYPE_USHORT_GRAY) {
            return Plane.ofShorts(w, h, ((DataBufferUShort) raster.getDataBuffer()).getData(), lut);
        }
        short[] samples = new short[w * h];
        eachSample(raster, (i, v) -> samples[i] = (short) v);
        return Plane.ofShorts(w, h, samples, lut);
    }

    private interface SampleSink {
        void put(int index, int value);
    }

    /** Band 0 row by row, for rasters whose buffer is not a plain sample array (packed bits, sub-rasters). */
    private static void eachSample(Raster raster, SampleSink sink) {
        int w = raster.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                sink.put(y * w + x, row[x]);
            }
        }
    }
}
