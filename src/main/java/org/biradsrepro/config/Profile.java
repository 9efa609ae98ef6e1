package org.biradsrepro.config;

import java.util.Locale;

/**
 * A named set of defaults. {@code paper} is Table 1 and section 4.2 of the paper; {@code fixture} keeps Table 1
 * as it is (200 epochs, early stopping, Adamax 0.001, batch 32) but shrinks the images and the networks, so that the
 * whole matrix runs in minutes on two CPU cores.
 */
public enum Profile {
    /** Small networks, small images: the bundled phantoms on a CI machine. */
    FIXTURE(200, 80, false),
    /** Table 1: 200 epochs; section 4.2: 331x331 images; full-size networks. */
    PAPER(200, 331, true);

    private final int maxEpochs;
    private final int imageSize;
    private final boolean fullSizeBackbones;

    Profile(int maxEpochs, int imageSize, boolean fullSizeBackbones) {
        this.maxEpochs = maxEpochs;
        this.imageSize = imageSize;
        this.fullSizeBackbones = fullSizeBackbones;
    }

    public int maxEpochs() {
        return maxEpochs;
    }

    public int imageSize() {
        return imageSize;
    }

    public boolean fullSizeBackbones() {
        return fullSizeBackbones;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String text) {
        for (Profile p : values()) {
            if (p.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new InvalidSettingException("repro.profile", text, "one of fixture, paper");
    }
}
