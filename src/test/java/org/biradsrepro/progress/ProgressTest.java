package org.biradsrepro.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The log display and the stage clock, on a clock the test moves by hand. */
class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void linesSayStartAPeriodicLineWithRateAndTimeLeftAndTheEnd() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress lines = new ProgressLines(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(30), now::get);

        try (Progress.Stage s = lines.start(StageKind.FEATURES, "resnet152", 100)) {
            now.set(10 * SECOND);
            s.advance(10); // before the interval: no line
            now.set(40 * SECOND);
            s.status("split 1");
            s.advance(30); // 40 images in 40 s: 1 image/s, 60 left
            now.set(50 * SECOND);
            s.advance(10); // 10 s after the last line: none
            now.set(100 * SECOND);
            s.advance(50);
        }
        List<String> out = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(out).containsExactly(
                "[progress] features resnet152: started, 100 images",
                "[progress] features resnet152: 40/100 images (40%), 1.0 images/s, about 60.0 s left · split 1",
                "[progress] features resnet152: 100/100 images (100%), 1.0 images/s · split 1",
                "[progress] features resnet152: done, 100 images in 100.0 s (1.0 images/s) · split 1");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void longTimesReadAsHoursMinutesSeconds() {
        assertThat(ProgressLines.seconds(3 * 3600 * SECOND + 125 * SECOND)).isEqualTo("3:02:05");
        assertThat(ProgressLines.counted(5, 0)).isEqualTo("5 images");
    }

    @Test
    void theClockSumsEachKindAndSubjectOverItsRunsAndTheTeeFeedsIt() {
        AtomicLong now = new AtomicLong(0);
        StageClock clock = new StageClock(now::get);
        Progress both = Progress.all(Progress.NONE, clock);
        for (int split = 1; split <= 2; split++) {
            try (Progress.Stage s = both.start(StageKind.TRAINING, "regnet", 0)) {
                now.addAndGet(3 * SECOND);
                s.advance(400);
            }
        }
        Progress.Stage decode = both.start(StageKind.DECODE, "", 10);
        now.addAndGet(SECOND / 2);
        decode.advance(10);
        decode.close();
        decode.close(); // a second close counts nothing

        assertThat(clock.rows()).containsExactly(
                new StageClock.Row(StageKind.TRAINING, "regnet", 6.0, 800, 2),
                new StageClock.Row(StageKind.DECODE, "", 0.5, 10, 1));
    }

    @Test
    void residentMemoryIsReadFromProcLinesInKibibytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmHWM:\t  123456 kB", "VmRSS:\t 1000 kB");
        assertThat(Resources.kibibytes(status, "VmHWM:")).hasValue(123456L * 1024);
        assertThat(Resources.kibibytes(List.of("VmHWM: lots"), "VmHWM:")).isEmpty();
        assertThat(Resources.kibibytes(java.nio.file.Path.of("/no/such/file"), "VmHWM:")).isEmpty();
    }
}
