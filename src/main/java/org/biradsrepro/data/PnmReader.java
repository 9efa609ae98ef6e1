package org.biradsrepro.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary PGM (P5) and PPM (P6) with 8- or 16-bit samples (big-endian, as Netpbm specifies): the form DDSM's LJPEG
 * files are usually converted to. Samples map onto 0..255 by 255 / maxval, the header's declared maximum.
 */
final class PnmReader {

    private static final int CHUNK = 1 << 16;

    private PnmReader() {}

    static DecodedImage read(Path file, long maxPixels) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            in.read(); // 'P'
            int kind = in.read();
            if (kind != '5' && kind != '6') {
                throw ImageDecoder.failure(file, "Netpbm variant P" + (char) kind + " is not supported (only binary "
                        + "P5 gray and P6 colour); convert it, e.g. with Netpbm: pamtopnm in > out.pgm, or to PNG");
            }
            long width = number(in, file, "width");
            long height = number(in, file, "height");
            long maxval = number(in, file, "maxval");
            if (maxval < 1 || maxval > 65535) {
                throw ImageDecoder.failure(file, "PGM/PPM maxval " + maxval + " is outside 1..65535");
            }
            ImageDecoder.checkDeclaredSize(file, ImageFormat.PNM, width, height, maxPixels);
            int w = (int) width;
            int h = (int) height;
            int channels = kind == '5' ? 1 : 3;
            boolean wide = maxval > 255;
            float[] lut = Plane.linearLut(wide ? 65536 : 256, maxval);
            List<Plane> planes = new ArrayList<>();
            if (wide) {
                short[][] samples = new short[channels][w * h];
                readSamples(in, file, w * h, channels, 2, (i, c, buf, at) ->
                        samples[c][i] = (short) (((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF)));
                for (short[] s : samples) {
                    planes.add(Plane.ofShorts(w, h, s, lut));
                }
            } else {
                byte[][] samples = new byte[channels][w * h];
                readSamples(in, file, w * h, channels, 1, (i, c, buf, at) -> samples[c][i] = buf[at]);
                for (byte[] s : samples) {
                    planes.add(Plane.ofBytes(w, h, s, lut));
                }
            }
            return new DecodedImage(w, h, planes);
        }
    }

    private interface SampleSink {
        void put(int pixel, int channel, byte[] buffer, int at);
    }

    /** Reads interleaved samples in chunks, so that a 16-bit image never exists twice in memory. */
    private static void readSamples(InputStream in, Path file, int pixels, int channels, int bytesPerSample,
                                    SampleSink sink) throws IOException {
        int sampleBytes = channels * bytesPerSample;
        byte[] buf = new byte[(CHUNK / sampleBytes) * sampleBytes];
        int pixel = 0;
        while (pixel < pixels) {
            int want = Math.min(buf.length, (pixels - pixel) * sampleBytes);
            int got = in.readNBytes(buf, 0, want);
            if (got < want) {
                throw ImageDecoder.failure(file, "PGM/PPM pixel data is truncated: " + pixels + " pixels declared, "
                        + (pixel + got / sampleBytes) + " present");
            }
            for (int at = 0; at < got; at += sampleBytes, pixel++) {
                for (int c = 0; c < channels; c++) {
                    sink.put(pixel, c, buf, at + c * bytesPerSample);
                }
            }
        }
    }

    /** A header number after whitespace and {@code #} comments; the single whitespace after maxval is consumed. */
    private static long number(InputStream in, Path file, String what) throws IOException {
        int b = in.read();
        while (b == '#' || (b >= 0 && ImageFormat.isSpace((byte) b))) {
            if (b == '#') {
                while (b >= 0 && b != '\n' && b != '\r') {
                    b = in.read();
                }
            }
            b = in.read();
        }
        if (b < '0' || b > '9') {
            if (b < 0) {
                throw new EOFException("header ends before its " + what);
            }
            throw ImageDecoder.failure(file, "PGM/PPM header has no valid " + what + " (found '" + (char) b + "')");
        }
        long v = 0;
        while (b >= '0' && b <= '9') {
            v = v * 10 + (b - '0');
            if (v > Integer.MAX_VALUE) {
                throw ImageDecoder.failure(file, "PGM/PPM header declares an absurd " + what);
            }
            b = in.read();
        }
        if (b >= 0 && !ImageFormat.isSpace((byte) b)) {
            throw ImageDecoder.failure(file, "PGM/PPM header has no valid " + what + " (found '" + (char) b + "')");
        }
        return v;
    }
}
