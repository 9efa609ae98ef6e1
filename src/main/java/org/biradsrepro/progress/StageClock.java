package org.biradsrepro.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Sums wall time and images per stage kind and subject, a row per pair in the order it first finished: a backbone's five
 * training stages (one per split) make one row. Images over seconds is the row's rate.
 */
public final class StageClock implements Progress {

    /** One row: a kind of stage for one subject, over every time it ran. */
    public record Row(StageKind kind, String subject, double seconds, long images, int times) {}

    private final LongSupplier nanoTime;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    public StageClock() {
        this(System::nanoTime);
    }

    /** With a clock of its own, for tests. */
    StageClock(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public Stage start(StageKind kind, String subject, long total) {
        long started = nanoTime.getAsLong();
        AtomicLong images = new AtomicLong();
        return new Stage() {
            private boolean closed;

            @Override public void advance(long n) {
                images.addAndGet(n);
            }

            @Override public void status(String text) {}

            @Override public void close() {
                synchronized (StageClock.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    double seconds = (nanoTime.getAsLong() - started) / 1e9;
                    rows.merge(Progress.label(kind, subject), new Row(kind, subject, seconds, images.get(), 1),
                            (a, b) -> new Row(a.kind(), a.subject(), a.seconds() + b.seconds(), a.images() + b.images(),
                                    a.times() + b.times()));
                }
            }
        };
    }

    /** The finished stages so far, in the order each row first finished. */
    public synchronized List<Row> rows() {
        return new ArrayList<>(rows.values());
    }
}
