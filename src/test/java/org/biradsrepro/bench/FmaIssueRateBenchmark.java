package org.biradsrepro.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.biradsrepro.context.Cpu;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The silicon's float32 multiply-add peak, from the rate at which the cores issue fused multiply-adds: nothing but
 * FMA instructions, on registers, no memory traffic.
 *
 * <p>The question: how much of the machine does a forward pass use? {@link GemmPeakBenchmark} answers "as much as the
 * engine's own GEMM", but that is a library code path (libtorch's MKL takes a 256-bit path on AMD), not the machine.
 * Here each thread keeps {@value #ACCUMULATORS} independent accumulators, so the FMA latency (4 cycles on Zen 4/5 and
 * recent Intel cores) is hidden behind the two FMA pipes, and counts 2 FLOP per lane per FMA. One JMH thread per core,
 * as the engine runs ({@code repro.threads}, 2 by default; if you change it, pass the same {@code -t}).
 *
 * <p>Two methods whose names predict their outcome: {@link #fma512} should issue twice the FLOP of {@link #fma256}
 * where the cores have 512-bit FMA datapaths (Zen 5 server parts, Intel server cores with two 512-bit FMA units), and
 * the same where they split a 512-bit FMA into two 256-bit halves (Zen 4). That ratio is the evidence that the JIT
 * emits 512-bit FMAs (HotSpot does when {@code UseAVX=3}, its default where the CPU has avx512f). The larger of the
 * two is the FP32 silicon peak the report divides by. The expected rate is
 * cores x 2 FMA/cycle x 16 lanes x 2 FLOP x clock: 2 x 2 x 16 x 2 x 3.3 GHz = 422 GFLOP/s on the 2-core Zen 5 EPYC.
 *
 * <p>Each method is written out on its own species: the Vector API is compiled to vector instructions only where the
 * species is a constant at JIT time, and a shared helper taking the species ran about 50 times slower here (boxed
 * vectors). bf16: the CPU may have {@code avx512_bf16} (VDPBF16PS, two bf16 products per float32 lane), but JDK 17's
 * Vector API has no bf16 element type and no dot-product operation, so that rate cannot be reached from Java;
 * it is not measured here rather than estimated.
 *
 * <pre>
 *   mkdir -p reports/jmh && ./mvnw -q test-compile exec:exec@jmh -Djmh.args="'FmaIssueRateBenchmark|GemmPeakBenchmark|ForwardThroughputBenchmark'
 *       -p fullSize=true -p imageSize=331 -p images=16 -p batch=8 -wi 1 -w 5 -i 2 -r 10 -rf json -rff reports/jmh/forward-331.json"
 * </pre>
 *
 * Read the {@code :flops} rows. Needs {@code --add-modules jdk.incubator.vector} at compile and run time (the pom
 * passes it to the test compiler and to {@code exec:exec@jmh}); the JVM then warns that it uses an incubator module.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(2)
@State(Scope.Thread)
public class FmaIssueRateBenchmark {

    static final int ACCUMULATORS = 12;
    /** About 2 ms a call at 200 GFLOP/s a core: long against JMH's per-call cost, short against an iteration. */
    static final int ROUNDS = 1 << 20;
    private static final VectorSpecies<Float> BITS_512 = FloatVector.SPECIES_512;
    private static final VectorSpecies<Float> BITS_256 = FloatVector.SPECIES_256;
    /** acc * M + C converges to 1 from any start: no overflow, no denormals, however long it runs. */
    private static final float M = 0.9999999f;
    private static final float C = 1e-7f;

    @Setup(Level.Trial)
    public void printMachine() {
        System.out.println("\n# cpu: " + Cpu.ofThisMachine().identity() + "; preferred vector "
                + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits; engine threads "
                + System.getProperty("ai.djl.pytorch.num_threads"));
    }

    @Benchmark
    public float fma512(FlopCounter counter) {
        FloatVector m = FloatVector.broadcast(BITS_512, M);
        FloatVector c = FloatVector.broadcast(BITS_512, C);
        FloatVector a0 = FloatVector.broadcast(BITS_512, 0), a1 = FloatVector.broadcast(BITS_512, 1);
        FloatVector a2 = FloatVector.broadcast(BITS_512, 2), a3 = FloatVector.broadcast(BITS_512, 3);
        FloatVector a4 = FloatVector.broadcast(BITS_512, 4), a5 = FloatVector.broadcast(BITS_512, 5);
        FloatVector a6 = FloatVector.broadcast(BITS_512, 6), a7 = FloatVector.broadcast(BITS_512, 7);
        FloatVector a8 = FloatVector.broadcast(BITS_512, 8), a9 = FloatVector.broadcast(BITS_512, 9);
        FloatVector a10 = FloatVector.broadcast(BITS_512, 10), a11 = FloatVector.broadcast(BITS_512, 11);
        for (int i = 0; i < ROUNDS; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        counter.flops += 2L * ACCUMULATORS * BITS_512.length() * ROUNDS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    @Benchmark
    public float fma256(FlopCounter counter) {
        FloatVector m = FloatVector.broadcast(BITS_256, M);
        FloatVector c = FloatVector.broadcast(BITS_256, C);
        FloatVector a0 = FloatVector.broadcast(BITS_256, 0), a1 = FloatVector.broadcast(BITS_256, 1);
        FloatVector a2 = FloatVector.broadcast(BITS_256, 2), a3 = FloatVector.broadcast(BITS_256, 3);
        FloatVector a4 = FloatVector.broadcast(BITS_256, 4), a5 = FloatVector.broadcast(BITS_256, 5);
        FloatVector a6 = FloatVector.broadcast(BITS_256, 6), a7 = FloatVector.broadcast(BITS_256, 7);
        FloatVector a8 = FloatVector.broadcast(BITS_256, 8), a9 = FloatVector.broadcast(BITS_256, 9);
        FloatVector a10 = FloatVector.broadcast(BITS_256, 10), a11 = FloatVector.broadcast(BITS_256, 11);
        for (int i = 0; i < ROUNDS; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        counter.flops += 2L * ACCUMULATORS * BITS_256.length() * ROUNDS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
