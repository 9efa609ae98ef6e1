package org.biradsrepro.report;

import java.util.Locale;
import java.util.Map;
import org.biradsrepro.results.Timings;

/**
 * Where the time of the run that wrote this folder went ({@code timings.json}): wall time and images per second per
 * stage, peak resident memory, and the machine and run they were measured on, since a figure means nothing without
 * them. Without the file, how to produce it.
 */
final class TimingsSection {

    /** The committed entry point that measures the paper's protocol on the paper-sized set. */
    static final String HOW = "bench/paper-protocol.sh";

    /** The run settings worth a line: what decides how much work there was. */
    private static final String[] RUN_KEYS = {"repro.profile", "repro.backbones", "repro.splits", "images",
        "repro.imageSize", "repro.maxEpochs", "repro.weights", "repro.threads", "repro.featureCache", "repro.regnetVariant",
        "repro.mobilenetv3Variant"};

    private TimingsSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        if (data.timings().isEmpty()) {
            h.markup("<p>No <code>timings.json</code> next to this page: every <code>run</code> writes one. The paper's "
                    + "protocol on the paper-sized phantom set: ").element("code", HOW).markup(".</p>").newline();
            return;
        }
        Timings t = data.timings().get();
        h.markup("<p>From <code>timings.json</code>, written by the run that made this folder, finished ")
                .text(t.finished()).markup(": ").text(seconds(t.wallSeconds())).markup(" in all, peak resident memory ")
                .text(t.peakResidentBytes() == null ? "unknown" : gib(t.peakResidentBytes()))
                .markup(". Training includes the predictions on the test split with both weight sets; evaluation is "
                        + "metrics and the results file.</p>").newline();
        h.markup("<table class=\"timings\"><thead><tr><th>Stage</th><th>Subject</th><th>Times</th><th>Seconds</th>"
                + "<th>Share</th><th>Images</th><th>Images/s</th></tr></thead><tbody>");
        for (Timings.Stage s : t.stages()) {
            h.open("tr").element("td", s.stage()).element("td", s.subject()).element("td", s.times())
                    .element("td", String.format(Locale.ROOT, "%.1f", s.seconds()))
                    .element("td", t.wallSeconds() > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * s.seconds() / t.wallSeconds()) : "")
                    .element("td", s.images())
                    .element("td", String.format(Locale.ROOT, "%.1f", s.imagesPerSecond())).close("tr");
        }
        h.markup("</tbody></table>").newline();
        h.markup("<p>Machine: ");
        pairs(h, t.machine(), "cpu", "cpuFamilyModel", "availableProcessors", "memory", "engineThreads", "maxHeapMiB", "os");
        h.markup("<br>Run: ");
        pairs(h, t.run(), RUN_KEYS);
        h.markup("<br>Versions: ");
        pairs(h, t.versions(), t.versions() == null ? new String[0] : t.versions().keySet().toArray(String[]::new));
        h.markup("</p>").newline();
    }

    private static void pairs(HtmlBuilder h, Map<String, String> values, String... keys) {
        boolean first = true;
        for (String k : keys) {
            String v = values == null ? null : values.get(k);
            if (v != null) {
                h.markup(first ? "" : "; ").text(k).markup(" ").element("code", v);
                first = false;
            }
        }
        if (first) {
            h.text("not recorded");
        }
    }

    private static String seconds(double s) {
        long whole = Math.round(s);
        return String.format(Locale.ROOT, "%.1f s (%d:%02d:%02d)", s, whole / 3600, (whole / 60) % 60, whole % 60);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
