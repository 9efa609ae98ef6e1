package org.biradsrepro.bench;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import java.util.concurrent.TimeUnit;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.train.Adamax;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.PairedTraining;
import org.biradsrepro.train.Samples;
import org.biradsrepro.train.SeededShuffle;
import org.biradsrepro.train.Trainers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-epoch training throughput, in images per second, of one backbone under Table 1's protocol (Adamax, batch 32).
 *
 * <p>The question: what does an epoch cost, and what does the frozen-part cache save? {@code endToEnd} runs every
 * image through the frozen backbone (inference mode) and trains the head, as an uncached run does each epoch;
 * {@code cached} trains the head on precomputed features, as a cached run does after its first pass. Expect
 * {@code cached} to be orders of magnitude faster: the frozen backbone is nearly all of the compute.
 *
 * <p>It runs on the GPU when DJL finds one, else on the CPU; the device is printed at set-up ({@link FrozenBackbone},
 * which holds the backbone x scale x image size matrix) and belongs next to every figure, as does the thread count
 * ({@code -Drepro.threads}, default 2).
 *
 * <pre>
 *   ./mvnw -q test-compile exec:exec@jmh -Djmh.args="EpochThroughputBenchmark"
 *   ./mvnw -q test-compile exec:exec@jmh -Djmh.args="EpochThroughputBenchmark -p fullSize=true -p imageSize=331 -p images=8"
 * </pre>
 *
 * Read the {@code trainOneEpoch:images} row: images per second. The plain {@code trainOneEpoch} row is epochs per
 * second for an epoch of {@code images} images.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@State(Scope.Benchmark)
public class EpochThroughputBenchmark {

    @Param({"endToEnd", "cached"})
    public String path;

    @Param({"256"})
    public int images;

    private Model model;
    private Trainer trainer;
    private ArrayDataset epoch;

    /** The backbone's matrix (id, scale, image size) and its set-up are {@link FrozenBackbone}'s. */
    @Setup(Level.Trial)
    public void setUp(FrozenBackbone b) {
        TransferNetwork net = b.net;
        Samples input = RandomImages.of(images, b.imageShape(), 7);
        net.frozen().freezeParameters(true);
        Block trained;
        Samples samples;
        if (path.equals("cached")) {
            samples = FeatureCache.extract(net.frozen(), input, b.manager, 32);
            trained = net.trainable();
        } else {
            samples = input;
            trained = net.endToEnd();
        }
        Shape featureShape = net.frozen().getOutputShapes(new Shape[] {input.batchShape(1)})[0];
        Initialization.initialize(net.trainable(), b.manager, featureShape, 2);
        model = Model.newInstance("bench", b.manager.getDevice());
        model.setBlock(trained);
        trainer = Trainers.newTrainer(model, new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Adamax.builder().build()).optDevices(new ai.djl.Device[] {b.manager.getDevice()}));
        trainer.initialize(samples.batchShape(1));
        epoch = PairedTraining.dataset(samples, 32, new SeededShuffle(3), b.manager);
    }

    @Benchmark
    public long trainOneEpoch(ImageCounter counter) throws Exception {
        long n = PairedTraining.trainOneEpoch(trainer, epoch);
        counter.images += n;
        return n;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
        model.close();
    }
}
