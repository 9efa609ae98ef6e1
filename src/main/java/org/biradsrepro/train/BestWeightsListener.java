package org.biradsrepro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.biradsrepro.config.Monitor;

/**
 * The paper's enhancement (Algorithm 2): keep, in memory, the parameters of the epoch with the lowest monitored
 * loss, and put them back after training.
 *
 * <p>As Keras' {@code ModelCheckpoint(save_best_only=True)}: an epoch is kept only when its loss is strictly
 * below the best so far, which starts at +infinity; NaN and +-infinity never become the best. Only the
 * parameters that can change are watched (the trainable part's weights and its BatchNorm running statistics);
 * the snapshot buffers are allocated at the first improvement and overwritten in place afterwards. Copies are
 * exact, so a restore is bit-exact.
 *
 * <p>At each improvement the listener also records the network's outputs on a fixed probe batch, so a caller can
 * check that the restored parameters reproduce them bit for bit.
 */
public final class BestWeightsListener extends TrainingListenerAdapter implements AutoCloseable {

    private static final NDIndex ALL = new NDIndex("...");

    private final List<Parameter> watched;
    private final EpochLossListener losses;
    private final Monitor monitor;
    private final Function<Trainer, float[]> probe;
    private final NDManager snapshotManager;
    private NDArray[] snapshots;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private float[] probeAtBest;

    /**
     * @param watched the parameters that can change during training
     * @param losses the listener that records each epoch's losses; registered before this one
     * @param monitor which loss to minimise
     * @param probe computes the network's outputs on a fixed batch in inference mode
     * @param manager parent for the snapshot buffers
     */
    public BestWeightsListener(List<Parameter> watched, EpochLossListener losses, Monitor monitor,
                               Function<Trainer, float[]> probe, NDManager manager) {
        this.watched = List.copyOf(watched);
        this.losses = Objects.requireNonNull(losses, "losses");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.snapshotManager = manager.newSubManager();
        if (this.watched.isEmpty()) {
            throw new IllegalArgumentException("nothing to watch: the trainable part has no parameters");
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        consider(losses.epochs(), losses.monitored(monitor), trainer);
    }

    /** Keeps the current parameters if {@code loss} strictly improves on the best so far. */
    void consider(int epoch, double loss, Trainer trainer) {
        // Keras would keep a -infinity epoch; a loss of -infinity means a broken run, not a good one.
        if (!Double.isFinite(loss) || !(loss < bestLoss)) {
            return;
        }
        bestLoss = loss;
        bestEpoch = epoch;
        if (snapshots == null) {
            snapshots = new NDArray[watched.size()];
            for (int i = 0; i < snapshots.length; i++) {
                snapshots[i] = watched.get(i).getArray().duplicate();
                snapshots[i].attach(snapshotManager);
            }
        } else {
            for (int i = 0; i < snapshots.length; i++) {
                snapshots[i].set(ALL, watched.get(i).getArray());
            }
        }
        probeAtBest = probe.apply(trainer);
    }

    /** Copies the kept parameters back into the network, in place. */
    public void restore() {
        if (snapshots == null) {
            throw new IllegalStateException("no epoch had a finite " + monitor.kerasName()
                    + "; there are no kept weights to restore (losses: " + losses.history() + ")");
        }
        for (int i = 0; i < snapshots.length; i++) {
            watched.get(i).getArray().set(ALL, snapshots[i]);
        }
    }

    public boolean hasBest() {
        return snapshots != null;
    }

    /** 1-based epoch of the kept weights; 0 when none. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestLoss() {
        return bestLoss;
    }

    /** Probe outputs recorded when the kept weights were taken. */
    public float[] probeAtBest() {
        return probeAtBest == null ? null : probeAtBest.clone();
    }

    /** Number of values copied per snapshot: what the enhancement costs in memory. */
    public long snapshotSize() {
        return watched.stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** The snapshot buffers themselves, for tests that check they are reused rather than reallocated. */
    List<NDArray> snapshotBuffers() {
        return snapshots == null ? List.of() : List.of(snapshots);
    }

    @Override
    public void close() {
        snapshotManager.close();
    }
}
