package org.biradsrepro.train;

import org.biradsrepro.config.Monitor;
import org.biradsrepro.config.ReproConfig;

/**
 * Table 1 as values: what a training run does, independent of data and network.
 *
 * @param maxEpochs epoch budget
 * @param batchSize mini-batch size; the last batch of an epoch may be shorter (Keras keeps it)
 * @param learningRate Adamax learning rate
 * @param patience Keras early-stopping patience
 * @param earlyStopping whether early stopping is on
 * @param monitor the loss that drives both early stopping and the kept weights
 */
public record Protocol(int maxEpochs, int batchSize, float learningRate, int patience, boolean earlyStopping,
                       Monitor monitor) {

    public static Protocol of(ReproConfig c) {
        return new Protocol(c.maxEpochs(), c.batchSize(), (float) c.learningRate(), c.patience(), c.earlyStopping(), c.monitor());
    }
}
