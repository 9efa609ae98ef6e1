package org.biradsrepro.experiment;

import java.util.Arrays;
import java.util.Optional;
import org.biradsrepro.train.Perturbation;

/**
 * The pre-declared controls of the verdict pipeline, run beside the reproduction matrix ({@link
 * Experiment#control}) and stored apart from it ({@code reportDir/controls/<id>/}, never {@code results/}): one
 * with a known effect, which the pipeline must see, and one with none, which it must not invent. Their design
 * (factors, epochs, seeds) was fixed before any of their outcomes was seen; it is not tuned to them.
 */
public enum Control {

    /**
     * Positive control: the matrix's paired training of a backbone x split (same split, features, head and shuffle
     * seeds, protocol), with early stopping off and its last {@link #NOISY_EPOCHS} epochs trained on shuffled labels
     * at {@link #NOISY_FACTOR} times the learning rate. The monitored loss of those epochs is a loss against labels
     * the network never learned, so the lowest-loss epoch comes before them, and the last-epoch weights have been
     * pushed hard towards noise: the improved variant must win. Declared after the first positive control
     * ({@code lr-spike}: the learning rate x100 in the final 3 epochs, labels untouched) failed to perturb 7 of its
     * 30 runs (their loss recovered within the spike, so the kept epoch was the last), and before this one ran.
     */
    NOISY_END("noisy-end", "the matrix's paired run with early stopping off and its final 3 epochs trained on "
            + "shuffled labels at 100 times the Adamax learning rate (training side only).",
            true),

    /**
     * Negative control: two runs of the same algorithm (Algorithm 1, last-epoch weights) on one split, the matrix's
     * run and a second run with the independent pairing's seeds ({@link Seeds#BASELINE_RUN_HEAD},
     * {@link Seeds#BASELINE_RUN_SHUFFLE}): "improved" is the matrix run's last epoch, "baseline" the second run's.
     * Whatever differs between them is run-to-run variance; the true effect is zero by construction.
     */
    AA("a-a", "the matrix run's last-epoch weights against a second run's (independent pairing's seeds), both "
            + "Algorithm 1.", false);

    /** Epochs at the end of the budget that {@link #NOISY_END} perturbs. */
    public static final int NOISY_EPOCHS = 3;
    /** What {@link #NOISY_END} multiplies the learning rate by in them. */
    public static final float NOISY_FACTOR = 100f;

    private final String id;
    private final String description;
    private final boolean mustBeReproduced;

    Control(String id, String description, boolean mustBeReproduced) {
        this.id = id;
        this.description = description;
        this.mustBeReproduced = mustBeReproduced;
    }

    /** The id results and folders carry: {@code noisy-end}, {@code a-a}. */
    public String id() {
        return id;
    }

    /** One sentence: what the control does ({@link #mustBeReproduced} says the verdict it must get). */
    public String description() {
        return description;
    }

    /**
     * The verdict the pooled primary-metric claim on this control's runs must get: reproduced ({@link #NOISY_END}),
     * or anything but reproduced ({@link #AA}). A pipeline that fails either cannot be trusted on the paper's runs.
     */
    public boolean mustBeReproduced() {
        return mustBeReproduced;
    }

    /** What this control does to the training side of its run: the noisy final epochs, or nothing. */
    public Perturbation perturbation() {
        return this == NOISY_END ? new Perturbation.NoisyFinalEpochs(NOISY_EPOCHS, NOISY_FACTOR, true) : Perturbation.NONE;
    }

    /** The control of an id, e.g. a results file's {@code RunResult.control()}, if there is one. */
    public static Optional<Control> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
