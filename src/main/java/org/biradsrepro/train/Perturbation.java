package org.biradsrepro.train;

import java.util.Locale;

/**
 * A deliberate change to the training side of a run, for a positive control: a run whose effect is known before it
 * is measured shows that the pipeline can see an effect where there is one. {@link #NONE}, the default, changes
 * nothing, bit for bit; the paper's runs never carry another. The test side is never touched by any perturbation.
 */
public sealed interface Perturbation permits Perturbation.None, Perturbation.LearningRateSpike {

    /** No perturbation: Table 1's protocol as it is. */
    Perturbation NONE = new None();

    /**
     * What the Adamax learning rate is multiplied by during a 1-based {@code epoch} of a run whose budget is
     * {@code maxEpochs}: exactly {@code 1f} where nothing is perturbed, so that the step is the same float.
     */
    float learningRateFactor(int epoch, int maxEpochs);

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
        public void checkAgainst(int maxEpochs, boolean earlyStopping) {
            // nothing to apply
        }

        @Override
        public String describe(int maxEpochs) {
            return "none";
        }
    }

    /**
     * The learning rate multiplied by {@code factor} in the last {@code finalEpochs} epochs of the budget. With a
     * large factor the steps overshoot, so the training loss of those epochs rises above the minimum reached before
     * them: the lowest-loss epoch comes before the spike and the last-epoch weights are damaged, an effect the
     * lowest-loss weights must be seen to beat. It needs the whole budget to run (early stopping off: a run that
     * stopped before the spike would not be perturbed at all) and at least one epoch before the spike.
     *
     * @param finalEpochs how many of the budget's last epochs are spiked, at least 1
     * @param factor what the learning rate is multiplied by in them: finite and above 0, not 1
     */
    record LearningRateSpike(int finalEpochs, float factor) implements Perturbation {

        public LearningRateSpike {
            if (finalEpochs < 1) {
                throw new IllegalArgumentException("a learning-rate spike needs finalEpochs >= 1; got " + finalEpochs);
            }
            if (!(factor > 0) || !Float.isFinite(factor) || factor == 1f) {
                throw new IllegalArgumentException("a learning-rate spike needs a finite factor > 0 other than 1; got "
                        + factor);
            }
        }

        /** The first spiked epoch (1-based) of a run with this budget. */
        public int firstEpoch(int maxEpochs) {
            return maxEpochs - finalEpochs + 1;
        }

        @Override
        public float learningRateFactor(int epoch, int maxEpochs) {
            return epoch >= firstEpoch(maxEpochs) ? factor : 1f;
        }

        @Override
        public void checkAgainst(int maxEpochs, boolean earlyStopping) {
            if (finalEpochs >= maxEpochs) {
                throw new IllegalArgumentException("a learning-rate spike over the final " + finalEpochs
                        + " epochs needs an epoch budget above " + finalEpochs + " (an epoch before the spike); got "
                        + maxEpochs);
            }
            if (earlyStopping) {
                throw new IllegalArgumentException("a learning-rate spike over the final " + finalEpochs + " of "
                        + maxEpochs + " epochs needs early stopping off: a run stopped before epoch "
                        + firstEpoch(maxEpochs) + " would not be perturbed");
            }
        }

        @Override
        public String describe(int maxEpochs) {
            int first = firstEpoch(maxEpochs);
            return String.format(Locale.ROOT, "Adamax learning rate x%s in epoch%s %s of %d", factorText(),
                    finalEpochs == 1 ? "" : "s", finalEpochs == 1 ? Integer.toString(first) : first + "-" + maxEpochs,
                    maxEpochs);
        }

        private String factorText() {
            return factor == Math.rint(factor) ? Long.toString((long) factor) : Float.toString(factor);
        }
    }
}
