package org.biradsrepro.experiment;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.biradsrepro.backbone.InputScaling;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.ImagePreprocessor;
import org.biradsrepro.phantom.PhantomGenerator;
import org.biradsrepro.phantom.PhantomSpec;
import org.biradsrepro.train.Samples;

/**
 * The images the frozen backbones' BatchNorm statistics are calibrated on: synthetic phantoms from a seed of their
 * own, so they share no image with any dataset under evaluation, the bundled fixtures included.
 */
final class CalibrationSet {

    static final long SEED = 1_000_003L;
    static final int PER_CLASS = 8;
    static final String DESCRIPTION = PER_CLASS * BiradsCategory.COUNT + " synthetic phantoms (seed " + SEED + ")";

    private static final Map<String, Samples> BY_SIZE_AND_SCALING = new ConcurrentHashMap<>();

    private CalibrationSet() {}

    static Samples phantoms(int imageSize, InputScaling scaling) {
        return BY_SIZE_AND_SCALING.computeIfAbsent(imageSize + "/" + scaling, k -> render(imageSize, scaling));
    }

    private static Samples render(int imageSize, InputScaling scaling) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (int c = 0; c < BiradsCategory.COUNT; c++) {
            counts.put(c, PER_CLASS);
        }
        PhantomSpec spec = new PhantomSpec(SEED, 128, 160, counts);
        ImagePreprocessor pre = new ImagePreprocessor(imageSize);
        float[][] rows = new float[PER_CLASS * BiradsCategory.COUNT][];
        int[] labels = new int[rows.length];
        int i = 0;
        for (int c = 0; c < BiradsCategory.COUNT; c++) {
            for (int k = 0; k < PER_CLASS; k++, i++) {
                rows[i] = scaling.scale(pre.toRgbPlanes(PhantomGenerator.render(spec, c, k)));
                labels[i] = c;
            }
        }
        return new Samples(rows, new Shape(ImagePreprocessor.CHANNELS, imageSize, imageSize), labels);
    }
}
