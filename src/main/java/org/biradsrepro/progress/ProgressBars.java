package org.biradsrepro.progress;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on a terminal: one bar per stage with count, rate and time left (me.tongfei:progressbar), the stage's
 * status (split, epoch, loss) beside it. A finished bar stays on screen, so the scroll-back shows the whole run.
 */
public final class ProgressBars implements Progress {

    private final PrintStream out;

    public ProgressBars(PrintStream out) {
        this.out = out;
    }

    @Override
    public Stage start(StageKind kind, String subject, long total) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(Progress.label(kind, subject))
                .setInitialMax(total > 0 ? total : -1)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUnit(" img", 1)
                .showSpeed()
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .setUpdateIntervalMillis((int) Duration.ofMillis(500).toMillis())
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
        return new Stage() {
            @Override public void advance(long images) {
                bar.stepBy(images);
            }

            @Override public void status(String text) {
                bar.setExtraMessage(" " + text); // the library writes it straight after the rate
            }

            @Override public void close() {
                bar.close();
            }
        };
    }
}
