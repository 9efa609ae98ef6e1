package org.biradsrepro.train;

import java.util.Objects;
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
 * @param perturbation a deliberate change to training for a positive control; {@link Perturbation#NONE} for every
 *     run of the paper's protocol (what {@link #of} gives), which then trains exactly as without this field
 */
public record Protocol(int maxEpochs, int batchSize, float learningRate, int patience, boolean earlyStopping,
                       Monitor monitor, Perturbation perturbation) {

    public Protocol {
        Objects.requireNonNull(perturbation, "perturbation: Perturbation.NONE for none");
        perturbation.checkAgainst(maxEpochs, earlyStopping);
    }

    /** Table 1 unperturbed. */
    public Protocol(int maxEpochs, int batchSize, float learningRate, int patience, boolean earlyStopping,
                    Monitor monitor) {
        this(maxEpochs, batchSize, learningRate, patience, earlyStopping, monitor, Perturbation.NONE);
    }

    public static Protocol of(ReproConfig c) {
        return new Protocol(c.maxEpochs(), c.batchSize(), (float) c.learningRate(), c.patience(), c.earlyStopping(), c.monitor());
    }

    /** The same protocol trained for the whole budget, early stopping off. */
    public Protocol withoutEarlyStopping() {
        return new Protocol(maxEpochs, batchSize, learningRate, patience, false, monitor, perturbation);
    }

    /** The same protocol with {@code p} applied; refused where it cannot apply ({@link Perturbation#checkAgainst}). */
    public Protocol with(Perturbation p) {
        return new Protocol(maxEpochs, batchSize, learningRate, patience, earlyStopping, monitor, p);
    }
}
