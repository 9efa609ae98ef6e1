package org.biradsrepro.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The terminal display draws through progressbar: the stage's name, its count and its status reach the stream. */
class ProgressBarsTest {

    @Test
    void aClosedBarShowsTheStageTheCountAndTheStatus() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress bars = new ProgressBars(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (Progress.Stage s = bars.start(StageKind.TRAINING, "regnet", 400)) {
            s.status("split 2"); // short: a stream that is not a terminal is drawn 80 characters wide
            s.advance(120);
            s.advance(80);
        }
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("training regnet", "200/400", "img/s split 2");
    }
}
