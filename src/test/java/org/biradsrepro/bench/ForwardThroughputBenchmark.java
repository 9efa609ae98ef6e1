package org.biradsrepro.bench;

import ai.djl.ndarray.NDManager;
import java.util.concurrent.TimeUnit;
import org.biradsrepro.train.FeatureCache;
import org.biradsrepro.train.Samples;
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
 * Read the {@code extract:images} row; {@code extract:flops} is the same rate in FLOP/s (the frozen part's
 * multiply-adds per image at this size, from {@link org.biradsrepro.backbone.MultiplyAdds}, times two), which the report
 * shows as a fraction of {@link GemmPeakBenchmark}'s when both ran in one invocation. The device and thread count are printed at set-up ({@link FrozenBackbone},
 * which holds the backbone x scale x image size matrix); state them with every figure.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@State(Scope.Benchmark)
public class ForwardThroughputBenchmark {

    @Param({"64"})
    public int images;

    @Param({"32"})
    public int batch;

    private Samples input;

    /** The backbone's matrix (id, scale, image size) and its set-up are {@link FrozenBackbone}'s. */
    @Setup(Level.Trial)
    public void setUp(FrozenBackbone b) {
        input = RandomImages.of(images, b.imageShape(), 7);
    }

    @Benchmark
    public Samples extract(FrozenBackbone b, ImageCounter counter, FlopCounter flops) {
        try (NDManager pass = b.manager.newSubManager()) {
            Samples features = FeatureCache.extract(b.net.frozen(), input, pass, batch);
            counter.images += features.size();
            flops.flops += b.frozenMultiplyAdds * 2 * features.size();
            return features;
        }
    }
}
