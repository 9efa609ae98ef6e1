package org.biradsrepro.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress for logs (CI, a file, a pipe): a line when a stage starts, a line at most every {@code interval} while it
 * runs (count, percentage, rate, time left), and a line when it ends. No carriage returns, so a log stays readable.
 */
public final class ProgressLines implements Progress {

    private final PrintStream out;
    private final Duration interval;
    private final LongSupplier nanoTime;

    public ProgressLines(PrintStream out, Duration interval) {
        this(out, interval, System::nanoTime);
    }

    ProgressLines(PrintStream out, Duration interval, LongSupplier nanoTime) {
        this.out = out;
        this.interval = interval;
        this.nanoTime = nanoTime;
    }

    @Override
    public Stage start(StageKind kind, String subject, long total) {
        String label = Progress.label(kind, subject);
        long started = nanoTime.getAsLong();
        out.println("[progress] " + label + ": started" + (total > 0 ? ", " + total + " images" : ""));
        return new Stage() {
            private final AtomicLong done = new AtomicLong();
            private final AtomicLong lastLine = new AtomicLong(started);
            private volatile String status = "";
            private volatile boolean closed;

            @Override public void advance(long images) {
                long now = nanoTime.getAsLong();
                long count = done.addAndGet(images);
                long last = lastLine.get();
                // One thread wins the right to print; the others go on without waiting.
                if (now - last >= interval.toNanos() && lastLine.compareAndSet(last, now)) {
                    out.println("[progress] " + label + ": " + counted(count, total) + ", "
                            + rate(count, now - started) + left(count, total, now - started) + statusPart());
                }
            }

            @Override public void status(String text) {
                status = text;
            }

            @Override public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                long elapsed = nanoTime.getAsLong() - started;
                out.println("[progress] " + label + ": done, " + done.get() + " images in "
                        + seconds(elapsed) + " (" + rate(done.get(), elapsed) + ")" + statusPart());
            }

            private String statusPart() {
                String s = status;
                return s.isEmpty() ? "" : " · " + s;
            }
        };
    }

    static String counted(long count, long total) {
        return total > 0 ? String.format(Locale.ROOT, "%d/%d images (%.0f%%)", count, total, 100.0 * count / total)
                : count + " images";
    }

    static String rate(long count, long nanos) {
        return nanos <= 0 ? "- images/s" : String.format(Locale.ROOT, "%.1f images/s", count / (nanos / 1e9));
    }

    private static String left(long count, long total, long nanos) {
        if (total <= 0 || count <= 0 || count >= total) {
            return "";
        }
        return ", about " + seconds((long) ((double) nanos / count * (total - count))) + " left";
    }

    static String seconds(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s < 120 ? String.format(Locale.ROOT, "%.1f s", nanos / 1e9)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
