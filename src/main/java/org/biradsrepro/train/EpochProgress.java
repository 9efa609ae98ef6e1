package org.biradsrepro.train;

/**
 * Told after each epoch of a {@link PairedTraining} run, for a progress display: it observes and changes nothing
 * (DJL's listeners can stop or alter training; this cannot).
 */
@FunctionalInterface
public interface EpochProgress {

    /**
     * @param record the epoch's losses
     * @param maxEpochs the epoch budget (early stopping may end sooner)
     * @param images training images the epoch processed
     */
    void epochDone(EpochRecord record, int maxEpochs, long images);

    EpochProgress NONE = (record, maxEpochs, images) -> {};
}
