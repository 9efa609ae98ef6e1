package org.biradsrepro.pretrain;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.EasyTrain;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.Chain;
import org.biradsrepro.phantom.SourceTask;
import org.biradsrepro.train.BatchNormRecalibration;
import org.biradsrepro.train.EpochLossListener;
import org.biradsrepro.train.EpochRecord;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.PairedTraining;
import org.biradsrepro.train.Samples;
import org.biradsrepro.train.SeededShuffle;
import org.biradsrepro.train.Trainers;

/**
 * Pretrains one fixture-scale backbone on the source task ({@link SourceTask}: the kind of finding), end to end
 * with a head of its own (global average pooling and a dense layer), then recalibrates its BatchNorm statistics
 * on the source training images ({@link BatchNormRecalibration}) and measures the held-out source accuracy with
 * the network in inference mode, as the transfer network will run it. The source head is dropped: only the
 * stem and stages are kept, like Keras' {@code include_top=False} ImageNet files.
 */
public final class FixturePretraining {

    /**
     * The pretraining recipe; the default is what produced the shipped files.
     *
     * @param trainPerKind source training images per kind
     * @param heldOutPerKind held-out images per kind (the indices after the training ones)
     * @param epochs passes over the training images
     * @param batchSize mini-batch size
     * @param learningRate Adam's learning rate
     * @param seed base seed: initialisation and shuffling of each backbone derive from it and the backbone id
     * @param imageSize input side, the fixture profile's
     * @param calibrationChunk images per chunk of the BatchNorm recalibration (the training images, in order)
     */
    public record Recipe(int trainPerKind, int heldOutPerKind, boolean mirrored, int epochs, int batchSize,
                         float learningRate, long seed, int imageSize, int calibrationChunk) {

        public static final Recipe DEFAULT = new Recipe(1000, 100, true, 8, 32, 0.001f, 20260102L, 80, 200);

        /** The same recipe stopped after {@code n} epochs. */
        public Recipe withEpochs(int n) {
            return new Recipe(trainPerKind, heldOutPerKind, mirrored, n, batchSize, learningRate, seed, imageSize,
                    calibrationChunk);
        }

        /** The same recipe on another number of source images per kind. */
        public Recipe withImages(int trainPerKind, int heldOutPerKind) {
            return new Recipe(trainPerKind, heldOutPerKind, mirrored, epochs, batchSize, learningRate, seed, imageSize,
                    calibrationChunk);
        }

        /** Source training images, mirrors included. */
        public int trainImages() {
            return trainPerKind * SourceTask.KINDS.size() * (mirrored ? 2 : 1);
        }

        public Recipe {
            int kinds = SourceTask.KINDS.size();
            if (trainPerKind < 1 || heldOutPerKind < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0)
                    || imageSize < 1 || calibrationChunk < 1 || (trainPerKind * kinds) % calibrationChunk != 0) {
                throw new IllegalArgumentException("bad pretraining recipe " + "(the training images must split "
                        + "into whole calibration chunks): " + trainPerKind + "x" + kinds + " train, chunk " + calibrationChunk);
            }
        }

        long initSeed(String id) {
            return derive(seed, "init:" + id);
        }

        long shuffleSeed(String id) {
            return derive(seed, "shuffle:" + id);
        }

        private static long derive(long base, String purpose) {
            long h = base;
            for (char c : purpose.toCharArray()) {
                h = h * 1_000_003L + c;
            }
            return new java.util.SplittableRandom(h).nextLong();
        }
    }

    /**
     * What one pretraining produced.
     *
     * @param heldOutAccuracyBeforeRecalibration with the moving averages training left: shows why recalibration is needed
     */
    public record Result(String id, String variant, int trainImages, int heldOutImages, List<Double> epochLosses,
                         double trainAccuracy, double heldOutAccuracyBeforeRecalibration, double heldOutAccuracy,
                         int batchNormLayers, double trainSeconds, double totalSeconds) {}

    /** The trained backbone (its blocks hold the weights, on {@code manager}) and the record of how it went. */
    public record Trained(Backbone backbone, Result result) {}

    /**
     * Receives the network after an epoch before the last, finished as the same recipe stopped there would finish it
     * ({@code recipe.epochs()} is that epoch): how the source accuracy grows with the epochs, each epoch's files
     * identical to those of a shorter run.
     */
    @FunctionalInterface
    public interface EarlierEpoch {
        void accept(Trained trained, Recipe recipe);
    }

    private FixturePretraining() {}

    public static Trained pretrain(String id, SourceImages images, Recipe recipe, NDManager manager) {
        return pretrain(id, images, recipe, manager, null);
    }

    /** @param earlierEpochs null, or called after each epoch but the last */
    public static Trained pretrain(String id, SourceImages images, Recipe recipe, NDManager manager,
                                   EarlierEpoch earlierEpochs) {
        long start = System.nanoTime();
        Backbone backbone = BackboneRegistry.build(id, false);
        Samples train = SourceImages.scaled(images.train(), backbone.scaling());
        Samples heldOut = SourceImages.scaled(images.heldOut(), backbone.scaling());
        Chain net = new Chain().add("stem", backbone.stem());
        backbone.stages().forEach(s -> net.add(s.name(), s.block()));
        net.add("avg_pool", Pool.globalAvgPool2dBlock())
                .add("source_head", Linear.builder().setUnits(SourceTask.KINDS.size()).build());
        Initialization.initialize(net, manager, train.batchShapes(1), recipe.initSeed(id));

        EpochLossListener losses = new EpochLossListener();
        long trainStart;
        long trainEnd;
        try (Model model = Model.newInstance("pretrain-" + id, manager.getDevice());
             NDManager data = manager.newSubManager()) {
            model.setBlock(net);
            ArrayDataset trainSet = PairedTraining.dataset(train, recipe.batchSize(),
                    new SeededShuffle(recipe.shuffleSeed(id)), data);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(recipe.learningRate())).build())
                    .optDevices(new Device[] {manager.getDevice()})
                    .addTrainingListeners(TrainingListener.Defaults.basic())
                        .addTrainingListeners(losses);
            try (Trainer trainer = Trainers.newTrainer(model, config)) {
                trainer.initialize(train.batchShapes(1));
                trainStart = System.nanoTime();
                for (int epoch = 1; epoch <= recipe.epochs(); epoch++) {
                    int step = 0;
                    for (Batch batch : trainer.iterateDataset(trainSet)) {
                        try (batch) {
                            EasyTrain.trainBatch(trainer, batch);
                            requireFiniteGradients(net, id, epoch, ++step);
                            trainer.step();
                        }
                    }
                    trainer.notifyListeners(l -> l.onEpoch(trainer));
                    if (earlierEpochs != null && epoch < recipe.epochs()) {
                        // Finishing recalibrates the moving statistics, which the following epochs go on updating:
                        // they are put back so that the run continues exactly as it would have.
                        List<NDArray> moving = copies(runningStatistics(net), manager);
                        Recipe shorter = recipe.withEpochs(epoch);
                        earlierEpochs.accept(new Trained(backbone, finish(id, backbone, net, train, heldOut, shorter,
                                losses, (System.nanoTime() - trainStart) / 1e9, start, manager)), shorter);
                        restore(runningStatistics(net), moving);
                    }
                }
                trainEnd = System.nanoTime();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException("batching failed: " + e.getMessage(), e);
        }
        return new Trained(backbone, finish(id, backbone, net, train, heldOut, recipe, losses,
                (trainEnd - trainStart) / 1e9, start, manager));
    }

    /** BatchNorm recalibration, then the accuracies; the source head stays on the network. */
    private static Result finish(String id, Backbone backbone, Block net, Samples train, Samples heldOut, Recipe recipe,
                                 EpochLossListener losses, double trainSeconds, long start, NDManager manager) {
        double before = accuracy(net, heldOut, manager);
        List<NDList> chunks = new ArrayList<>();
        int layers;
        try (NDManager calib = manager.newSubManager()) {
            // The rendered images only, not their mirrors: the statistics are the same in expectation.
            int calibrationImages = recipe.trainPerKind() * SourceTask.KINDS.size();
            for (int from = 0; from < calibrationImages; from += recipe.calibrationChunk()) {
                chunks.add(train.batches(calib, from, from + recipe.calibrationChunk()));
            }
            layers = BatchNormRecalibration.recalibrate(net, chunks, manager);
        }
        double trainAccuracy = accuracy(net, train, manager);
        double after = accuracy(net, heldOut, manager);
        return new Result(id, backbone.variant(), train.size(), heldOut.size(),
                losses.history().stream().map(EpochRecord::trainLoss).toList(), trainAccuracy, before, after, layers,
                trainSeconds, (System.nanoTime() - start) / 1e9);
    }

    private static List<Parameter> runningStatistics(Block net) {
        return net.getParameters().values().stream().filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN
                || p.getType() == Parameter.Type.RUNNING_VAR).toList();
    }

    private static List<NDArray> copies(List<Parameter> parameters, NDManager manager) {
        return parameters.stream().map(p -> {
            NDArray copy = p.getArray().duplicate();
            copy.attach(manager);
            return copy;
        }).toList();
    }

    private static void restore(List<Parameter> parameters, List<NDArray> copies) {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).getArray().set(new NDIndex("..."), copies.get(i));
            copies.get(i).close();
        }
    }

    /**
     * A step with a NaN or infinite gradient stops the pretraining, naming it: nothing here retries or masks one.
     * Two defects made such steps at random, both fixed: oneDNN's backward convolutions reading never-written
     * padding channels (issue 9, {@link org.biradsrepro.train.NativeEngine}) and MobileNetV3's hard activations
     * reading a scalar DJL had already freed ({@code backbone.KerasLayers}, HardActivationGradientTest).
     */
    static void requireFiniteGradients(Block net, String id, int epoch, int step) {
        try (NDScope scope = new NDScope()) {
            List<Pair<String, Parameter>> trained = net.getParameters().stream()
                    .filter(p -> p.getValue().requiresGradient()).toList();
            // One read-back per step; a NaN or infinity anywhere makes the total non-finite. Only then is each
            // parameter looked at, to name the first bad one by its path in the network.
            NDList sums = new NDList(trained.stream().map(p -> p.getValue().getArray().getGradient().sum()).toList());
            if (Float.isFinite(NDArrays.stack(sums).sum().getFloat())) {
                return;
            }
            for (Pair<String, Parameter> p : trained) {
                if (!Float.isFinite(p.getValue().getArray().getGradient().sum().getFloat())) {
                    throw new IllegalStateException("pretraining " + id + ": the gradient of " + p.getKey() + " ("
                            + p.getValue().getId() + ") is not finite at epoch " + epoch + ", step " + step);
                }
            }
        }
    }

    /** Top-1 accuracy of the whole network (source head included) in inference mode. */
    static double accuracy(ai.djl.nn.Block net, Samples samples, NDManager manager) {
        int correct = 0;
        int step = 100;
        for (int from = 0; from < samples.size(); from += step) {
            int to = Math.min(samples.size(), from + step);
            try (NDManager m = manager.newSubManager()) {
                NDList out = net.forward(new ParameterStore(m, false), samples.batches(m, from, to), false);
                long[] predicted = out.singletonOrThrow().argMax(1).toLongArray();
                for (int i = from; i < to; i++) {
                    if (predicted[i - from] == samples.labels()[i]) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / samples.size();
    }
}
