package org.biradsrepro.train;

/**
 * One epoch as Keras logs it.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's samples, taken while the weights changed (Keras' {@code loss})
 * @param validationLoss mean loss on the validation set after the epoch (Keras' {@code val_loss}); NaN when there is none
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss) {
    public boolean hasValidationLoss() {
        return !Double.isNaN(validationLoss);
    }
}
