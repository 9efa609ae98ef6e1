package org.biradsrepro.train;

import java.util.Locale;

/**
 * A deliberate change to the training side of a run, for a positive control: a run whose effect is known before it
 * is measured shows that the pipeline can see an effect where there is one. {@link #NONE}, the default, changes
 * nothing, bit for bit; the paper's runs never carry another. The test side is never touched by any perturbation.
 */
public sealed interface Perturbation permits Perturbation.None, Perturbation.NoisyFinalEpochs {

    /** No perturbation: Table 1's protocol as it is. */
    Perturbation NONE = new None();

    /**
     * What the Adamax learning rate is multiplied by during a 1-based {@code epoch} of a run whose budget is
     * {@code maxEpochs}: exactly {@code 1f} where nothing is perturbed, so that the step is the same float.
     */
    float learningRateFactor(int epoch, int maxEpochs);

    /**
     * Whether the training labels of a 1-based {@code epoch} are replaced by a seeded permutation of themselves
     * (the class counts kept, every image's own label lost): false where nothing is perturbed.
     */
    boolean shufflesLabels(int epoch, int maxEpochs);

    /** Checks the perturbation against an epoch budget; throws naming both where it cannot apply. */
    void checkAgainst(int maxEpochs, boolean earlyStopping);

    /** One phrase for results and reports, e.g. {@code Adamax learning rate x100 in epochs 198-200 of 200}. */
    String describe(int maxEpochs);

    /** Table 1 unchanged. */
    record None() implements Perturbation {

        @Override
        public float learningRateFactor(int epoch, int maxEpochs) {
            return 1f;
        }

        @Override
        public boolean shufflesLabels(int epoch, int maxEpochs) {
            return false;
        }

        @Override
        public void checkAgainst(int maxEpochs, boolean earlyStopping) {
            // nothing to apply
        }

        @Override
        public String describe(int maxEpochs) {
            return "none";
        }
    }

    /**
     * The last {@code finalEpochs} epochs of the budget trained with the learning rate multiplied by {@code factor}
     * and, when {@code shuffledLabels}, on the training images with their labels permuted (seeded by the run's
     * shuffle seed). Shuffled labels make the monitored training loss of those epochs a loss against labels the
     * network never learned, so the lowest-loss epoch comes before them; the large steps towards noise damage the
     * last-epoch weights: an effect the lowest-loss weights must be seen to beat. Without shuffled labels (the
     * spike alone) the loss can recover within the spiked epochs, so that the kept epoch is the last and nothing is
     * perturbed, as the first control so declared showed. It needs the whole budget to run (early stopping off: a
     * run stopped before them would not be perturbed) and at least one epoch before them.
     *
     * @param finalEpochs how many of the budget's last epochs are perturbed, at least 1
     * @param factor what the learning rate is multiplied by in them: finite and above 0 (1: the rate unchanged)
     * @param shuffledLabels whether they train on permuted labels
     */
    record NoisyFinalEpochs(int finalEpochs, float factor, boolean shuffledLabels) implements Perturbation {

        public NoisyFinalEpochs {
            if (finalEpochs < 1) {
                throw new IllegalArgumentException("perturbed final epochs must be >= 1; got " + finalEpochs);
            }
            if (!(factor > 0) || !Float.isFinite(factor) || (factor == 1f && !shuffledLabels)) {
                throw new IllegalArgumentException("a perturbation needs a finite learning-rate factor > 0, other than 1 "
                        + "unless the labels are shuffled; got " + factor);
            }
        }

        /** The first perturbed epoch (1-based) of a run with this budget. */
        public int firstEpoch(int maxEpochs) {
            return maxEpochs - finalEpochs + 1;
        }

        @Override
        public float learningRateFactor(int epoch, int maxEpochs) {
            return epoch >= firstEpoch(maxEpochs) ? factor : 1f;
        }

        @Override
        public boolean shufflesLabels(int epoch, int maxEpochs) {
            return shuffledLabels && epoch >= firstEpoch(maxEpochs);
        }

        @Override
        public void checkAgainst(int maxEpochs, boolean earlyStopping) {
            if (finalEpochs >= maxEpochs) {
                throw new IllegalArgumentException("perturbing the final " + finalEpochs + " epochs needs an epoch "
                        + "budget above " + finalEpochs + " (an epoch before them); got " + maxEpochs);
            }
            if (earlyStopping) {
                throw new IllegalArgumentException("perturbing the final " + finalEpochs + " of " + maxEpochs
                        + " epochs needs early stopping off: a run stopped before epoch " + firstEpoch(maxEpochs)
                        + " would not be perturbed");
            }
        }

        @Override
        public String describe(int maxEpochs) {
            int first = firstEpoch(maxEpochs);
            String epochs = String.format(Locale.ROOT, "epoch%s %s of %d", finalEpochs == 1 ? "" : "s",
                    finalEpochs == 1 ? Integer.toString(first) : first + "-" + maxEpochs, maxEpochs);
            String rate = factor == 1f ? "" : "Adamax learning rate x" + factorText();
            return (shuffledLabels ? "training labels shuffled" + (rate.isEmpty() ? "" : " and ") : "") + rate + " in "
                    + epochs;
        }

        private String factorText() {
            return factor == Math.rint(factor) ? Long.toString((long) factor) : Float.toString(factor);
        }
    }
}
