package org.biradsrepro.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the images a benchmark call processed; JMH reports it as a rate next to the call rate, i.e. images per
 * second, in the {@code <benchmark>:images} row. (The auxiliary-counter idiom of JMH's sample 23: the unit of work
 * is an epoch or a pass, the figure of interest its images.)
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class ImageCounter {
    public long images;
}
