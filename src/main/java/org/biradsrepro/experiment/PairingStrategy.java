package org.biradsrepro.experiment;

import org.biradsrepro.config.Pairing;

/**
 * Where a cell's baseline variant comes from ({@code repro.pairing}); the improved variant is the matrix run's kept
 * weights either way. A third design (both side by side) would be a third constant here, not a change to training.
 */
enum PairingStrategy {

    /** The last epoch of the improved variant's own run: the difference is the choice of weights alone. */
    SAME_RUN {
        @Override
        CellTrainer.TrainedRun baseline(CellTrainer.TrainedRun matrixRun, CellTrainer.TrainedRun secondRun) {
            return matrixRun;
        }
    },
    /** The last epoch of a second run with its own seeds ({@link Seeds#BASELINE_RUN_HEAD}), as the paper's two experiments. */
    SECOND_RUN {
        @Override
        boolean needsSecondRun() {
            return true;
        }

        @Override
        CellTrainer.TrainedRun baseline(CellTrainer.TrainedRun matrixRun, CellTrainer.TrainedRun secondRun) {
            return secondRun;
        }
    };

    static PairingStrategy of(Pairing pairing) {
        return pairing == Pairing.PAIRED ? SAME_RUN : SECOND_RUN;
    }

    /** Whether the baseline needs the split's second run (replicates may train it anyway). */
    boolean needsSecondRun() {
        return false;
    }

    /** @param secondRun the split's second run, or {@code null} when nothing trained it */
    abstract CellTrainer.TrainedRun baseline(CellTrainer.TrainedRun matrixRun, CellTrainer.TrainedRun secondRun);
}
