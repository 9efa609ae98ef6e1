package org.biradsrepro.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.TimeUnit;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.train.NativeEngine;
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
 * The machine's float32 matrix-multiply peak through the same engine and threads the suite runs on: one large square
 * GEMM per call, 2n<sup>3</sup> floating-point operations.
 *
 * <p>The question: what is the most this engine gets out of this machine, so that a backbone's forward throughput can
 * be read as a fraction of it? Run it in the same JMH invocation as {@link ForwardThroughputBenchmark}, so that both
 * figures come from the same machine state; the report divides one by the other when one result file holds both:
 *
 * <pre>
 *   mkdir -p reports/jmh && ./mvnw -q test-compile exec:exec@jmh -Djmh.args="'GemmPeakBenchmark|ForwardThroughputBenchmark'
 *       -p fullSize=true -p imageSize=331 -p images=8 -p batch=4 -rf json -rff reports/jmh/forward-331.json"
 * </pre>
 *
 * Read the {@code multiply:flops} row: floating-point operations per second. n = 4096 keeps the operands (3 x 64 MiB)
 * well outside the caches and each call long (about 0.3 s at 400 GFLOP/s) against the call's fixed cost.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@State(Scope.Benchmark)
public class GemmPeakBenchmark {

    @Param({"4096"})
    public int n;

    private NDManager manager;
    private NDArray a;
    private NDArray b;

    @Setup(Level.Trial)
    public void setUp() {
        NativeEngine.State engine = TestEngine.started(); // repro.threads, as the jmh execution passes it
        manager = NDManager.newBaseManager(Engine.getInstance().defaultDevice());
        System.out.println("\n# device: " + manager.getDevice() + ", engine " + engine.engine()
                + ", threads " + engine.threads());
        manager.getEngine().setRandomSeed(1);
        a = manager.randomUniform(-1, 1, new Shape(n, n));
        b = manager.randomUniform(-1, 1, new Shape(n, n));
    }

    @Benchmark
    public float multiply(FlopCounter counter) {
        try (NDArray c = a.matMul(b)) {
            counter.flops += 2L * n * n * n;
            // One element back to the JVM: the product must exist before the call returns, also on a GPU.
            return c.get(0, 0).getFloat();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
