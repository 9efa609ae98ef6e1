package org.biradsrepro.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.biradsrepro.config.Monitor;

/**
 * One training run, evaluated twice: with the last epoch's parameters (the baseline, the paper's Algorithm 1)
 * and with the kept lowest-loss parameters (the improved variant, Algorithm 2). Both come from the same run, so
 * their difference is the enhancement's effect alone, not run-to-run noise.
 */
public final class PairedTraining {

    private static final int PROBE_SIZE = 16;

    /**
     * What a paired run produced.
     *
     * @param history per-epoch losses
     * @param bestEpoch epoch of the kept parameters (1-based)
     * @param bestLoss its monitored loss
     * @param lastEpoch the last epoch trained
     * @param lastLoss the last epoch's monitored loss
     * @param stoppedEarly whether early stopping ended training before the epoch budget
     * @param baseline softmax outputs on the test samples with the last-epoch parameters
     * @param improved softmax outputs on the test samples with the kept parameters
     * @param probeAtBest outputs on the probe batch when the kept parameters were taken
     * @param probeAfterRestore outputs on the probe batch after restoring them
     * @param keptValues how many values a snapshot copies
     * @param trainedImages training samples processed (summed over epochs), for throughput
     * @param trainSeconds wall time of the epochs
     */
    public record Outcome(List<EpochRecord> history, int bestEpoch, double bestLoss, int lastEpoch, double lastLoss,
                          boolean stoppedEarly, double[][] baseline, double[][] improved, float[] probeAtBest,
                          float[] probeAfterRestore, long keptValues, long trainedImages, double trainSeconds) {}

    private PairedTraining() {}

    /**
     * @param block the network the optimiser trains; initialised
     * @param watched the parameters that can change (the trainable part's, running statistics included)
     * @param train training samples
     * @param validation validation samples, or null when the monitor is the training loss
     * @param test test samples
     * @param protocol Table 1
     * @param shuffleSeed seeds the per-epoch shuffling
     * @param manager owns the data and the snapshots for the duration of the run
     */
    public static Outcome run(Block block, List<Parameter> watched, Samples train, Samples validation, Samples test,
                              Protocol protocol, long shuffleSeed, NDManager manager) {
        return run(block, watched, train, validation, test, protocol, shuffleSeed, manager, EpochProgress.NONE);
    }

    /** As {@link #run(Block, List, Samples, Samples, Samples, Protocol, long, NDManager)}, telling {@code progress} after each epoch. */
    public static Outcome run(Block block, List<Parameter> watched, Samples train, Samples validation, Samples test,
                              Protocol protocol, long shuffleSeed, NDManager manager, EpochProgress progress) {
        if (protocol.monitor() == Monitor.VAL_LOSS && validation == null) {
            throw new IllegalArgumentException("monitoring val_loss needs validation samples");
        }
        try (Model model = Model.newInstance("paired-run", manager.getDevice());
             NDManager data = manager.newSubManager()) {
            model.setBlock(block);
            ArrayDataset trainSet = dataset(train, protocol.batchSize(), new SeededShuffle(shuffleSeed), data);
            // Built only for a perturbation that shuffles labels: the same images, their labels permuted once.
            ArrayDataset noisySet = protocol.perturbation().shufflesLabels(protocol.maxEpochs(), protocol.maxEpochs())
                    ? dataset(new Samples(train.rows(), train.itemShapes(), permuted(train.labels(), shuffleSeed)),
                            protocol.batchSize(), new SeededShuffle(shuffleSeed), data)
                    : null;
            ArrayDataset validationSet = validation == null ? null
                    : dataset(validation, protocol.batchSize(), new SequenceSampler(), data);
            NDList probe = train.batches(data, 0, Math.min(PROBE_SIZE, train.size()));

            EpochLossListener losses = new EpochLossListener();
            KerasEarlyStopping stopping = new KerasEarlyStopping(protocol.patience(), losses, protocol.monitor());
            Adamax adamax = Adamax.builder().optLearningRate(protocol.learningRate()).build();
            try (BestWeightsListener best = new BestWeightsListener(watched, losses, protocol.monitor(),
                         t -> outputs(t, probe), data)) {
                DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(adamax)
                        .optDevices(new Device[] {manager.getDevice()})
                        // Order matters: the loss recorder closes the epoch before the others read it.
                        .addTrainingListeners(losses, best);
                if (protocol.earlyStopping()) {
                    config.addTrainingListeners(stopping);
                }
                try (Trainer trainer = Trainers.newTrainer(model, config)) {
                    trainer.initialize(train.batchShapes(1));
                    long start = System.nanoTime();
                    long images = trainEpochs(trainer, adamax, trainSet, noisySet, validationSet, protocol, losses, stopping,
                            progress);
                    double seconds = (System.nanoTime() - start) / 1e9;

                    double[][] baseline = probabilities(trainer, test, data);
                    best.restore();
                    float[] probeAfterRestore = outputs(trainer, probe);
                    double[][] improved = probabilities(trainer, test, data);
                    return new Outcome(losses.history(), best.bestEpoch(), best.bestLoss(), losses.epochs(),
                            losses.monitored(protocol.monitor()), stopping.shouldStop(), baseline, improved,
                            best.probeAtBest(), probeAfterRestore, best.snapshotSize(), images, seconds);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException("batching failed: " + e.getMessage(), e);
        }
    }

    /**
     * Epochs until the budget or early stopping; returns the number of training images processed. Each epoch's
     * learning rate is the protocol's times its perturbation's factor for that epoch (exactly 1 without one).
     */
    private static long trainEpochs(Trainer trainer, Adamax adamax, ArrayDataset trainSet, ArrayDataset noisySet,
                                    ArrayDataset validationSet, Protocol protocol, EpochLossListener losses,
                                    KerasEarlyStopping stopping, EpochProgress progress)
            throws IOException, TranslateException {
        long images = 0;
        for (int epoch = 1; epoch <= protocol.maxEpochs(); epoch++) {
            adamax.setLearningRateFactor(protocol.perturbation().learningRateFactor(epoch, protocol.maxEpochs()));
            boolean noisy = protocol.perturbation().shufflesLabels(epoch, protocol.maxEpochs());
            long epochImages = trainOneEpoch(trainer, noisy ? noisySet : trainSet);
            images += epochImages;
            if (validationSet != null) {
                for (Batch batch : trainer.iterateDataset(validationSet)) {
                    try (batch) {
                        EasyTrain.validateBatch(trainer, batch);
                    }
                }
            }
            trainer.notifyListeners(l -> l.onEpoch(trainer));
            EpochRecord last = losses.history().get(epoch - 1);
            progress.epochDone(last, protocol.maxEpochs(), epochImages);
            double monitored = losses.monitored(protocol.monitor());
            if (!Double.isFinite(last.trainLoss()) || !Double.isFinite(monitored)) {
                throw new TrainingDivergedException("Training diverged: at epoch " + epoch + " the "
                        + protocol.monitor().kerasName() + " is " + monitored + " (history " + losses.history()
                        + "). Lower repro.learningRate or check the input data for extreme values."
                        + (protocol.perturbation() == Perturbation.NONE ? "" : " The run was perturbed: "
                                + protocol.perturbation().describe(protocol.maxEpochs()) + "."));
            }
            if (stopping.shouldStop()) {
                break;
            }
        }
        return images;
    }

    /** A seeded permutation of the labels (Fisher-Yates): the class counts kept, each image's own label lost. */
    static int[] permuted(int[] labels, long seed) {
        int[] out = labels.clone();
        java.util.Random random = new java.util.Random(seed ^ 0x5DEECE66DL);
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** One pass over the training set: forward, backward and an optimiser step per batch. Returns the images seen. */
    public static long trainOneEpoch(Trainer trainer, Dataset trainSet) throws IOException, TranslateException {
        long images = 0;
        for (Batch batch : trainer.iterateDataset(trainSet)) {
            try (batch) {
                EasyTrain.trainBatch(trainer, batch);
                trainer.step();
                images += batch.getSize();
            }
        }
        return images;
    }

    /** Samples as a DJL dataset in batches of {@code batchSize}, the last one possibly shorter (as Keras). */
    public static ArrayDataset dataset(Samples samples, int batchSize, Sampler.SubSampler order,
                                        NDManager manager) {
        return new ArrayDataset.Builder()
                .setData(samples.batches(manager, 0, samples.size()).toArray(new NDArray[0]))
                .optLabels(samples.labelArray(manager))
                .setSampling(new BatchSampler(order, batchSize, false))
                .build();
    }

    /** Raw network outputs (logits) in inference mode. */
    static float[] outputs(Trainer trainer, NDList input) {
        try (NDScope scope = new NDScope()) {
            return trainer.evaluate(input).singletonOrThrow().toFloatArray();
        }
    }

    /** Softmax outputs on every sample, in batches, in inference mode. */
    static double[][] probabilities(Trainer trainer, Samples samples, NDManager manager) {
        double[][] out = new double[samples.size()][];
        int step = 64;
        for (int from = 0; from < samples.size(); from += step) {
            int to = Math.min(samples.size(), from + step);
            try (NDManager batch = manager.newSubManager(); NDScope scope = new NDScope()) {
                float[] p = trainer.evaluate(samples.batches(batch, from, to)).singletonOrThrow()
                        .softmax(1).toFloatArray();
                int classes = p.length / (to - from);
                for (int i = from; i < to; i++) {
                    out[i] = new double[classes];
                    for (int c = 0; c < classes; c++) {
                        out[i][c] = p[(i - from) * classes + c];
                    }
                }
            }
        }
        return out;
    }
}
