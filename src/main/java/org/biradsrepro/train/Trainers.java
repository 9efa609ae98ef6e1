package org.biradsrepro.train;

import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import java.lang.reflect.Field;

/**
 * Makes DJL trainers that take every step they are given.
 *
 * <p><b>Why.</b> Before its first step, DJL's {@code Trainer.step()} adds up the <em>signed</em> values of every
 * gradient and refuses to go on when the total is exactly 0 ("Gradient values are all zeros, please call
 * gradientCollector.backward()"), to catch a forgotten backward pass. For the network this suite trains most, a
 * dense head under softmax cross-entropy, that total is 0 in exact arithmetic whatever the data: each image's
 * {@code p - y} sums to 0 over the classes, so the bias gradients sum to 0 and so do the weight gradients
 * ({@code sum_j x_j * sum_c (p_c - y_c)}). In float it lands on exactly 0 now and then, and the run then dies on a
 * legitimate first batch, at random, depending on the data: seen on RegNet's fifth split with fixture weights
 * pretrained on more source images. Our loops always call backward ({@code EasyTrain.trainBatch}), non-finite
 * gradients and losses have checks of their own ({@link PairedTraining}, {@code FixturePretraining}), and Keras
 * has no such check, so the trainer is marked as checked before it starts.
 */
public final class Trainers {

    private static final String CHECKED_FLAG = "gradientsChecked";

    private Trainers() {}

    /** {@code model.newTrainer(config)}, without DJL's first-step check on the gradients' signed sum. */
    public static Trainer newTrainer(Model model, TrainingConfig config) {
        Trainer trainer = model.newTrainer(config);
        try {
            Field checked = Trainer.class.getDeclaredField(CHECKED_FLAG);
            checked.setAccessible(true);
            checked.setBoolean(trainer, true);
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
            trainer.close();
            throw new IllegalStateException("DJL's Trainer no longer has the field '" + CHECKED_FLAG + "' this suite "
                    + "sets to skip its first-step check of the gradients' signed sum (see train.Trainers); check "
                    + "what the new DJL version does before a first step", e);
        }
        return trainer;
    }
}
