package org.biradsrepro.pretrain;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.stream.IntStream;
import org.biradsrepro.backbone.InputScaling;
import org.biradsrepro.data.image.ImagePreprocessor;
import org.biradsrepro.phantom.SourceTask;
import org.biradsrepro.train.Samples;

/**
 * The source task's images, preprocessed as the fixtures are (gray to RGB, TensorFlow bilinear resize to the
 * fixture profile's size, 0..255), before any backbone's input scaling. Training images are kind-major interleaved
 * (image i shows kind {@code i % kinds}), so every run of {@code kinds} consecutive images is balanced; held-out
 * images take the indices after the training ones, so the two never share an image.
 */
public record SourceImages(Samples train, Samples heldOut) {

    /**
     * Renders and preprocesses {@code trainPerKind + heldOutPerKind} images of every kind, on all cores. With
     * {@code mirrored}, the training images are followed by their left-right mirror images (a finding's kind does
     * not depend on the side; the fixtures show left and right breasts): twice the training images for the
     * rendering cost of one.
     */
    public static SourceImages render(int trainPerKind, int heldOutPerKind, int imageSize, boolean mirrored) {
        Samples train = range(0, trainPerKind, imageSize);
        return new SourceImages(mirrored ? withMirrors(train, imageSize) : train,
                range(trainPerKind, heldOutPerKind, imageSize));
    }

    private static Samples withMirrors(Samples s, int n) {
        float[][] rows = new float[2 * s.size()][];
        int[] labels = new int[rows.length];
        for (int i = 0; i < s.size(); i++) {
            rows[i] = s.rows()[i];
            labels[i] = s.labels()[i];
            float[] m = new float[rows[i].length];
            for (int plane = 0; plane < m.length; plane += n) {
                for (int x = 0; x < n; x++) {
                    m[plane + x] = rows[i][plane + n - 1 - x];
                }
            }
            rows[s.size() + i] = m;
            labels[s.size() + i] = labels[i];
        }
        return new Samples(rows, s.itemShapes(), labels);
    }

    private static Samples range(int firstIndex, int perKind, int imageSize) {
        int kinds = SourceTask.KINDS.size();
        ImagePreprocessor pre = new ImagePreprocessor(imageSize);
        float[][] rows = new float[perKind * kinds][];
        int[] labels = new int[rows.length];
        IntStream.range(0, rows.length).parallel().forEach(i -> {
            SourceTask.Kind kind = SourceTask.KINDS.get(i % kinds);
            BufferedImage image = SourceTask.render(kind, firstIndex + i / kinds);
            rows[i] = pre.preprocess(image);
            labels[i] = kind.ordinal();
        });
        return new Samples(rows, new Shape(ImagePreprocessor.CHANNELS, imageSize, imageSize), labels);
    }

    /** The same images with a backbone's input scaling applied. */
    public static Samples scaled(Samples images, InputScaling scaling) {
        float[][] rows = new float[images.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = scaling.scale(images.rows()[i]);
        }
        return new Samples(rows, images.itemShapes(), images.labels());
    }
}
