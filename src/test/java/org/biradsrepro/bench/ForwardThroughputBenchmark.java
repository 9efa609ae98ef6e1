package org.biradsrepro.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.TimeUnit;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.train.Samples;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Forward-only throughput, in images per second, of each backbone's frozen part in inference mode: what the feature
 * cache pays once per image, and what an uncached epoch pays per image before the head trains.
 *
 * <p>The question: how do the six architectures compare in cost at the fixture scale and at the paper's 331x331?
 * The work is {@link FeatureCache#extract} over {@code images} random images in batches of {@code batch}, exactly
 * the suite's own extraction path (streaming, each layer's input freed as it goes).
 *
 * <pre>
 *   ./mvnw -q test-compile exec:exec@jmh -Djmh.args="ForwardThroughputBenchmark"
 *   ./mvnw -q test-compile exec:exec@jmh -Djmh.args="ForwardThroughputBenchmark -p fullSize=true -p imageSize=331 -p images=8 -p batch=8"
 * </pre>
 *
 * Read the {@code extract:images} row. The device and thread count are printed at set-up; state them with every figure.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@State(Scope.Benchmark)
public class ForwardThroughputBenchmark {

    @Param({"resnet152", "regnet", "mobilenetv3", "inceptionv3", "nasnetlarge", "nasnetmobile"})
    public String backbone;

    @Param({"false"})
    public boolean fullSize;

    @Param({"80"})
    public int imageSize;

    @Param({"64"})
    public int images;

    @Param({"32"})
    public int batch;

    private NDManager manager;
    private TransferNetwork net;
    private Samples input;

    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager(Engine.getInstance().defaultDevice());
        System.out.println("\n# device: " + manager.getDevice() + ", engine " + Engine.getInstance().getEngineName()
                + " " + Engine.getInstance().getVersion() + ", threads " + System.getProperty("ai.djl.pytorch.num_threads"));
        net = TransferNetwork.of(BackboneRegistry.build(backbone, fullSize), 0, 6);
        input = RandomImages.of(images, new Shape(3, imageSize, imageSize), 7);
        Initialization.initialize(net.frozen(), manager, input.batchShape(1), 1);
    }

    /** Images pushed through the frozen part; JMH reports it as a rate, images per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Images {
        public long images;
    }

    @Benchmark
    public Samples extract(Images counter) {
        try (NDManager pass = manager.newSubManager()) {
            Samples features = FeatureCache.extract(net.frozen(), input, pass, batch);
            counter.images += features.size();
            return features;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
