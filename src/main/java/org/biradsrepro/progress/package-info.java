/**
 * What a long run tells a person while it works, and where its time went.
 *
 * <p>{@link org.biradsrepro.progress.Progress} is what the experiment reports to: stages (scan, decode, each
 * backbone's feature pass, training, evaluation, report) that advance by images. It has three displays, chosen by
 * {@code repro.progress} in the command line: bars with rate and ETA on a terminal ({@link
 * org.biradsrepro.progress.ProgressBars}, through me.tongfei:progressbar), one line per stage and a periodic line
 * for logs ({@link org.biradsrepro.progress.ProgressLines}), or nothing ({@link
 * org.biradsrepro.progress.Progress#NONE}, also what tests get). {@link org.biradsrepro.progress.StageClock}
 * listens to the same reports and sums wall time and images per stage for the run's timings. {@link
 * org.biradsrepro.progress.Console} carries the rest of what a run says (reused runs, damaged cache entries, engine
 * advice): the command line decides where. Depends on nothing
 * of the project: a display must not be able to change a result.
 */
package org.biradsrepro.progress;
