package org.biradsrepro.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.data.split.Split;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.progress.StageKind;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.PairedTraining;
import org.biradsrepro.train.Protocol;
import org.biradsrepro.train.Samples;

/**
 * Trains a backbone x split: the matrix's run (whose kept weights are the improved variant), the baseline as the
 * pairing says ({@link PairingStrategy}), and with {@code repro.replicates=R} runs 2..R of the split; also the single
 * runs the controls ask for. Each run is a fresh network on the rows {@link FrozenFeatures} gives it; seeds by
 * purpose and split ({@link Seeds}), so no run depends on which ran before it.
 */
final class CellTrainer {

    /** One training run of a fresh network: what it produced, and the seeds that made it differ from others. */
    record TrainedRun(Backbone backbone, TransferNetwork net, PairedTraining.Outcome outcome, long headSeed,
                      long shuffleSeed) {}

    /** A cell's trainings: the matrix run, the run its baseline is from, and runs 2..R ({@code repro.replicates}). */
    record CellRuns(TrainedRun improved, TrainedRun baseline, List<TrainedRun> replicates) {}

    private final ReproConfig config;
    private final SessionPlan plan;
    private final FrozenFeatures features;
    private final PairingStrategy pairing;
    private final NDManager manager;
    private final Progress progress;

    CellTrainer(SessionPlan plan, FrozenFeatures features, NDManager manager, Progress progress) {
        this.config = plan.config();
        this.plan = plan;
        this.features = features;
        this.pairing = PairingStrategy.of(config.pairing());
        this.manager = manager;
        this.progress = progress;
    }

    CellRuns train(String backboneId, Split split, Sides sides) {
        String label = "split " + split.index();
        TrainedRun improvedRun = trainMain(backboneId, split, sides, Protocol.of(config), label);
        // Run 2 is independent pairing's baseline run and the first replicate alike: trained once for both.
        TrainedRun second = !pairing.needsSecondRun() && config.replicates() < 2 ? null
                : trainSecond(backboneId, split, sides, label);
        TrainedRun baselineRun = pairing.baseline(improvedRun, second);
        List<TrainedRun> further = new ArrayList<>();
        for (int run = 2; run <= config.replicates(); run++) {
            further.add(run == 2 ? second : trainOnce(backboneId, split, sides,
                    Seeds.derive(config.seed(), Seeds.headOf(run), split.index()),
                    Seeds.derive(config.seed(), Seeds.shuffleOf(run), split.index()), Protocol.of(config),
                    label + " · run " + run));
        }
        return new CellRuns(improvedRun, baselineRun, further);
    }

    /** The matrix's training of a split (the improved variant's run), under {@code protocol}: its seeds. */
    TrainedRun trainMain(String backboneId, Split split, Sides sides, Protocol protocol, String label) {
        return trainOnce(backboneId, split, sides, Seeds.derive(config.seed(), Seeds.HEAD, split.index()),
                Seeds.derive(config.seed(), Seeds.SHUFFLE, split.index()), protocol, label);
    }

    /** The separate second run of a split, independent pairing's baseline: its own head and shuffling seeds. */
    TrainedRun trainSecond(String backboneId, Split split, Sides sides, String label) {
        return trainOnce(backboneId, split, sides, Seeds.derive(config.seed(), Seeds.BASELINE_RUN_HEAD, split.index()),
                Seeds.derive(config.seed(), Seeds.BASELINE_RUN_SHUFFLE, split.index()), Protocol.of(config), label);
    }

    private TrainedRun trainOnce(String backboneId, Split split, Sides sides, long headSeed, long shuffleSeed,
                                 Protocol protocol, String label) {
        int[] trainIdx = sides.train();
        int[] validationIdx = sides.validation();
        Backbone backbone = SessionPlan.buildBackbone(config, backboneId);
        TransferNetwork net = TransferNetwork.of(backbone, config.trainableStages(), BiradsCategory.COUNT);
        Shape[] oneImage = {new Shape(1).addAll(ImageStream.imageShape(config.imageSize()))};
        StartingWeights start = plan.weightsOf(backboneId);
        try (NDManager runManager = manager.newSubManager()) {
            // The whole network exists for the run, both parts initialised and frozen where they must be: the
            // weight loader checks every layer's shape against the file, and nothing holds closed arrays.
            Initialization.initialize(net.frozen(), runManager, oneImage, Seeds.derive(config.seed(), Seeds.FROZEN, 0));
            net.frozen().freezeParameters(true);
            // One array per image, or two where a family passes two feature maps between stages.
            Shape[] frozenOut = net.frozen().getOutputShapes(oneImage);
            Initialization.initialize(net.trainable(), runManager, frozenOut, headSeed);
            start.loadInto(backbone, net.trainable()); // the trainable stages start pretrained too; the head stays new
            FrozenFeatures.Source frozen = features.source(backbone, net, start, runManager);
            List<Parameter> watched = net.trainable().getParameters().values();
            Samples samples = frozen.samples();
            PairedTraining.Outcome outcome;
            try (Progress.Stage training = progress.start(StageKind.TRAINING, backboneId,
                    (long) trainIdx.length * protocol.maxEpochs())) {
                outcome = PairedTraining.run(frozen.trained(), watched, samples.subset(trainIdx),
                        validationIdx.length == 0 ? null : samples.subset(validationIdx), samples.subset(split.test()),
                        protocol, shuffleSeed, runManager, (epoch, maxEpochs, epochImages) -> {
                            training.status(String.format(Locale.ROOT, "%s · epoch %d/%d · loss %.4f",
                                    label, epoch.epoch(), maxEpochs, epoch.trainLoss()));
                            training.advance(epochImages);
                        });
            }
            return new TrainedRun(backbone, net, outcome, headSeed, shuffleSeed);
        }
    }
}
