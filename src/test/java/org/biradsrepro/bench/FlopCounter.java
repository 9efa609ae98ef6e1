package org.biradsrepro.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the floating-point operations a benchmark call performed (two per multiply-add); JMH reports it as a rate,
 * FLOP/s, in the {@code <benchmark>:flops} row, which the report divides by {@link GemmPeakBenchmark}'s.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class FlopCounter {
    public long flops;
}
