package org.biradsrepro.data.image;

/**
 * One channel of a decoded image at its full size, kept as the file stores it (8- or 16-bit samples) with a lookup
 * table from each stored sample to its 0..255 value. A 4000x3000 16-bit mammogram thus costs 24 MB, not the 48 MB
 * of a float copy, and the table carries every format's mapping (bit depth, DICOM rescale, window, MONOCHROME1)
 * without a second pass over the pixels.
 */
final class Plane {
    private final int width;
    private final int height;
    private final byte[] bytes;
    private final short[] shorts;
    private final float[] lut;

    private Plane(int width, int height, byte[] bytes, short[] shorts, float[] lut) {
        this.width = width;
        this.height = height;
        this.bytes = bytes;
        this.shorts = shorts;
        this.lut = lut;
    }

    /** 8-bit samples; {@code lut} has 256 entries indexed by the unsigned sample. */
    static Plane ofBytes(int width, int height, byte[] samples, float[] lut) {
        check(width, height, samples.length, lut.length, 256);
        return new Plane(width, height, samples, null, lut);
    }

    /** 16-bit samples; {@code lut} has 65536 entries indexed by the unsigned 16-bit pattern. */
    static Plane ofShorts(int width, int height, short[] samples, float[] lut) {
        check(width, height, samples.length, lut.length, 65536);
        return new Plane(width, height, null, samples, lut);
    }

    /**
     * value = sample * 255 / maxValue (samples above maxValue count as maxValue), computed as the float the
     * pipeline has always used; maxValue is 2^bits - 1 for PNG and TIFF, the header's maxval for PGM.
     */
    static float[] linearLut(int entries, long maxValue) {
        double scale = 255.0 / maxValue;
        float[] lut = new float[entries];
        for (int v = 0; v < entries; v++) {
            lut[v] = (float) (Math.min(v, maxValue) * scale);
        }
        return lut;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The 0..255 value of the sample at row-major {@code index}. */
    float at(int index) {
        return shorts != null ? lut[shorts[index] & 0xFFFF] : lut[bytes[index] & 0xFF];
    }

    private static void check(int width, int height, int samples, int lut, int lutEntries) {
        if ((long) width * height != samples || lut != lutEntries) {
            throw new IllegalArgumentException(width + "x" + height + " plane with " + samples + " samples and a "
                    + lut + "-entry table");
        }
    }
}
