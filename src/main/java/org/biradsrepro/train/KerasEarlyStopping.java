package org.biradsrepro.train;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import org.biradsrepro.config.Monitor;

/**
 * Early stopping with Keras' {@code EarlyStopping(patience=p, min_delta=0)} semantics: {@code wait} counts the
 * epochs since the last strict improvement over the <em>best</em> value (not over the previous epoch, which is what
 * DJL's EarlyStoppingListener compares with), and training stops once {@code wait >= patience}, never after the
 * first epoch. A NaN loss is never an improvement. Weights are not restored here: that is the enhancement's job.
 */
public final class KerasEarlyStopping extends TrainingListenerAdapter {

    private final int patience;
    private final EpochLossListener losses;
    private final Monitor monitor;
    private double best = Double.POSITIVE_INFINITY;
    private int wait;
    private int stoppedEpoch;

    public KerasEarlyStopping(int patience, EpochLossListener losses, Monitor monitor) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0: " + patience);
        }
        this.patience = patience;
        this.losses = losses;
        this.monitor = monitor;
    }

    @Override
    public void onEpoch(Trainer trainer) {
        observe(losses.epochs(), losses.monitored(monitor));
    }

    /** Feeds one epoch's monitored value; returns whether training should stop after it. */
    boolean observe(int epoch, double value) {
        wait++;
        if (value < best) {
            best = value;
            wait = 0;
            return false;
        }
        if (wait >= patience && epoch > 1) {
            stoppedEpoch = epoch;
        }
        return shouldStop();
    }

    public boolean shouldStop() {
        return stoppedEpoch > 0;
    }

    /** The epoch after which training stopped; 0 if it did not stop early. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }
}
