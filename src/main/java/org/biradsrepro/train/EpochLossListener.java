package org.biradsrepro.train;

import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biradsrepro.config.Monitor;

/**
 * Records each epoch's training and validation loss the way Keras logs {@code loss} and {@code val_loss}: the
 * sample-weighted mean of the batch losses, in double precision. DJL's own loss accumulator averages batch means
 * unweighted, in float, which differs when the last batch is short.
 *
 * <p>Must be registered before the listeners that read {@link #monitored(Monitor)} in their {@code onEpoch}.
 */
public final class EpochLossListener extends TrainingListenerAdapter {

    private final List<EpochRecord> history = new ArrayList<>();
    private double trainSum;
    private long trainCount;
    private double validationSum;
    private long validationCount;

    @Override
    public void onTrainingBatch(Trainer trainer, TrainingListener.BatchData batchData) {
        double[] sumAndCount = lossSum(trainer, batchData);
        trainSum += sumAndCount[0];
        trainCount += (long) sumAndCount[1];
    }

    @Override
    public void onValidationBatch(Trainer trainer, TrainingListener.BatchData batchData) {
        double[] sumAndCount = lossSum(trainer, batchData);
        validationSum += sumAndCount[0];
        validationCount += (long) sumAndCount[1];
    }

    @Override
    public void onEpoch(Trainer trainer) {
        double train = trainCount == 0 ? Double.NaN : trainSum / trainCount;
        double validation = validationCount == 0 ? Double.NaN : validationSum / validationCount;
        history.add(new EpochRecord(history.size() + 1, train, validation));
        trainSum = 0;
        trainCount = 0;
        validationSum = 0;
        validationCount = 0;
    }

    /** Batch mean loss times batch size, summed over devices: the batch's contribution to the epoch mean. */
    private static double[] lossSum(Trainer trainer, TrainingListener.BatchData batchData) {
        double sum = 0;
        long count = 0;
        for (Map.Entry<ai.djl.Device, NDList> e : batchData.getLabels().entrySet()) {
            NDList labels = e.getValue();
            NDList predictions = batchData.getPredictions().get(e.getKey());
            long n = labels.singletonOrThrow().getShape().get(0);
            sum += trainer.getLoss().evaluate(labels, predictions).getFloat() * (double) n;
            count += n;
        }
        return new double[] {sum, count};
    }

    public List<EpochRecord> history() {
        return List.copyOf(history);
    }

    public int epochs() {
        return history.size();
    }

    /** The monitored value of the last finished epoch. */
    public double monitored(Monitor monitor) {
        if (history.isEmpty()) {
            throw new IllegalStateException("no epoch has finished yet");
        }
        EpochRecord last = history.get(history.size() - 1);
        return monitor == Monitor.LOSS ? last.trainLoss() : last.validationLoss();
    }
}
