package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.backbone.Chain;
import org.biradsrepro.config.Monitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Algorithm 2's bookkeeping: strict improvement, non-finite losses never kept, in-place reusable buffers, exact restore. */
class BestWeightsListenerTest {

    private NDManager manager;
    private List<Parameter> params;
    private BestWeightsListener listener;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        Block block = new Chain().add("bn", BatchNorm.builder().build()).add("dense", Linear.builder().setUnits(3).build());
        Initialization.initialize(block, manager, new Shape(2, 4), 1);
        params = block.getParameters().values();
        // probe: the parameters' current values, concatenated
        listener = new BestWeightsListener(params, new EpochLossListener(), Monitor.LOSS, t -> values(), manager);
    }

    @AfterEach
    void tearDown() {
        listener.close();
        manager.close();
    }

    /** Puts a recognisable value into every parameter, standing in for an epoch of training. */
    private void setAll(float v) {
        for (Parameter p : params) {
            p.getArray().set(new NDIndex("..."), v);
        }
    }

    private float[] values() {
        List<Float> all = new ArrayList<>();
        for (Parameter p : params) {
            for (float f : p.getArray().toFloatArray()) {
                all.add(f);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void watchesBatchNormRunningStatisticsToo() {
        assertThat(params).extracting(Parameter::getName).contains("runningMean", "runningVar");
    }

    @Test
    void keepsTheLowestLossEpochAndRestoresItBitForBit() {
        float[] atEpoch2 = null;
        double[] losses = {0.9, 0.5, 0.7, 0.6};
        for (int e = 1; e <= losses.length; e++) {
            setAll(e * 1.1f);
            if (e == 2) {
                atEpoch2 = values();
            }
            listener.consider(e, losses[e - 1], null);
        }
        assertThat(listener.bestEpoch()).isEqualTo(2);
        assertThat(listener.bestLoss()).isEqualTo(0.5);
        listener.restore();
        assertThat(values()).isEqualTo(atEpoch2);
        assertThat(listener.probeAtBest()).isEqualTo(atEpoch2);
    }

    @Test
    void anEqualLossDoesNotReplaceTheKeptWeights() {
        setAll(1f);
        listener.consider(1, 0.5, null);
        setAll(2f);
        listener.consider(2, 0.5, null);
        assertThat(listener.bestEpoch()).isEqualTo(1);
        listener.restore();
        assertThat(values()).containsOnly(1f);
    }

    @Test
    void nanAndInfinityNeverBecomeTheBest() {
        listener.consider(1, Double.NaN, null);
        listener.consider(2, Double.POSITIVE_INFINITY, null);
        assertThat(listener.hasBest()).isFalse();
        assertThatThrownBy(listener::restore).hasMessageContaining("no epoch had a finite loss");
        setAll(3f);
        listener.consider(3, 2.0, null);
        setAll(4f);
        listener.consider(4, Double.NaN, null);
        listener.consider(5, Double.NEGATIVE_INFINITY, null);
        assertThat(listener.bestEpoch()).isEqualTo(3);
        listener.restore();
        assertThat(values()).containsOnly(3f);
    }

    @Test
    void snapshotBuffersAreAllocatedOnceAndOverwrittenInPlace() {
        setAll(1f);
        listener.consider(1, 1.0, null);
        List<NDArray> first = listener.snapshotBuffers();
        setAll(2f);
        listener.consider(2, 0.5, null);
        List<NDArray> second = listener.snapshotBuffers();
        assertThat(second).hasSameSizeAs(params);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).isSameAs(first.get(i));
        }
        setAll(9f);
        listener.restore();
        assertThat(values()).containsOnly(2f);
        assertThat(listener.snapshotSize()).isEqualTo(4 * 4 + 4 * 3 + 3);
    }
}
