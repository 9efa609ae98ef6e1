package org.biradsrepro.backbone;

/**
 * How a backbone expects its 0..255 RGB input, as each Keras Applications model's {@code preprocess_input} does.
 * Applied once per image before the network, so the cached frozen features already include it.
 */
public enum InputScaling {
    /** ResNet (Keras "caffe" mode): RGB to BGR, then subtract the ImageNet channel means; no scaling. */
    CAFFE {
        @Override
        void apply(float[] chw, int plane) {
            float[] r = slice(chw, 0, plane);
            float[] b = slice(chw, 2, plane);
            System.arraycopy(b, 0, chw, 0, plane);
            System.arraycopy(r, 0, chw, 2 * plane, plane);
            double[] mean = {103.939, 116.779, 123.68};
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < plane; i++) {
                    chw[c * plane + i] = (float) (chw[c * plane + i] - mean[c]);
                }
            }
        }
    },
    /** Inception, NASNet (Keras "tf" mode): scale to [-1, 1]. */
    TF {
        @Override
        void apply(float[] chw, int plane) {
            for (int i = 0; i < chw.length; i++) {
                chw[i] = (float) (chw[i] / 127.5 - 1.0);
            }
        }
    },
    /** MobileNetV3, RegNet: the Keras models rescale inside the network and take 0..255 as they are. */
    NONE {
        @Override
        void apply(float[] chw, int plane) {}
    };

    abstract void apply(float[] chw, int plane);

    /** Returns a scaled copy of a 3 x n x n channel-first image. */
    public float[] scale(float[] chw) {
        if (chw.length % 3 != 0) {
            throw new IllegalArgumentException("expected 3 channel planes, got " + chw.length + " values");
        }
        float[] out = chw.clone();
        apply(out, chw.length / 3);
        return out;
    }

    private static float[] slice(float[] chw, int c, int plane) {
        float[] s = new float[plane];
        System.arraycopy(chw, c * plane, s, 0, plane);
        return s;
    }
}
