package org.biradsrepro.config;

import java.util.Locale;

/**
 * Which loss picks the kept weights and drives early stopping. The paper monitors Keras' {@code loss}, the
 * training loss; {@code val_loss} needs a validation set carved from the training side, never the test side.
 */
public enum Monitor {
    LOSS("loss"),
    VAL_LOSS("val_loss");

    private final String kerasName;

    Monitor(String kerasName) {
        this.kerasName = kerasName;
    }

    public String kerasName() {
        return kerasName;
    }

    public static Monitor parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Monitor m : values()) {
            if (m.kerasName.equals(t)) {
                return m;
            }
        }
        throw new InvalidSettingException("repro.monitor", text, "loss or val_loss");
    }
}
