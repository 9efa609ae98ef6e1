package org.biradsrepro.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.biradsrepro.results.RunResult;

/**
 * The data the runs saw: layout, counts, the fingerprint, how splits were drawn (by image or by patient), every
 * skipped file with its reason, identical files kept on one side, and the notes the scanner wrote about the data.
 */
final class DatasetSection {

    private DatasetSection() {}

    static void render(ReportData data, StringBuilder h) {
        Map<String, RunResult> byFingerprint = new LinkedHashMap<>();
        data.runs().forEach(r -> byFingerprint.putIfAbsent(r.dataset().fingerprint(), r));
        if (byFingerprint.size() > 1) {
            h.append("<p class=\"warn\">These results come from ").append(byFingerprint.size())
                    .append(" different datasets (fingerprints differ): do not average across them.</p>");
        }
        for (RunResult r : byFingerprint.values()) {
            RunResult.DatasetInfo d = r.dataset();
            h.append("<table class=\"kv\"><tr><th>Folder</th><td>").append(Html.esc(d.root())).append("</td></tr>")
                    .append("<tr><th>Layout</th><td>").append(Html.esc(String.valueOf(d.layout()))).append("</td></tr>")
                    .append("<tr><th>Fingerprint (SHA-256)</th><td><code>").append(Html.esc(d.fingerprint())).append("</code></td></tr>")
                    .append("<tr><th>Images</th><td>").append(d.images()).append("</td></tr><tr><th>Per class</th><td>");
            for (int c = 0; c < d.classCounts().size(); c++) {
                h.append("BI-RADS ").append(c).append(": ").append(d.classCounts().get(c)).append(c < d.classCounts().size() - 1 ? ", " : "");
            }
            h.append("</td></tr><tr><th>Train / test per split</th><td>").append(d.trainSize()).append(" / ").append(d.testSize());
            if (d.validationSize() > 0) {
                h.append(" (+ ").append(d.validationSize()).append(" validation carved from the training side)");
            }
            h.append("</td></tr><tr><th>Split unit</th><td>").append(Html.esc(String.valueOf(d.splitUnit())));
            if (d.officialSplit()) {
                h.append(" (the dataset's official train/test split)");
            }
            if (d.patients() > 0) {
                h.append("; ").append(d.patients()).append(" patients, ").append(d.trainPatients()).append(" / ")
                        .append(d.testPatients()).append(" train / test in this split, none on both sides");
            }
            h.append("</td></tr><tr><th>Identical files</th><td>");
            if (d.duplicates().isEmpty()) {
                h.append("none");
            } else {
                h.append(d.duplicates().size()).append(" group(s), each kept on one side of every split<ul>");
                d.duplicates().forEach(g -> h.append("<li>BI-RADS ").append(g.label()).append(": ")
                        .append(Html.esc(String.join(", ", g.ids()))).append("</li>"));
                h.append("</ul>");
            }
            if (!d.notes().isEmpty()) {
                h.append("</td></tr><tr><th>Notes</th><td><ul>");
                d.notes().forEach(n -> h.append("<li>").append(Html.esc(n)).append("</li>"));
                h.append("</ul>");
            }
            h.append("</td></tr><tr><th>Skipped files</th><td>");
            if (d.skipped().isEmpty()) {
                h.append("none");
            } else {
                h.append(d.skipped().size()).append("<ul>");
                d.skipped().forEach(s -> h.append("<li><code>").append(Html.esc(s.id())).append("</code>: ").append(Html.esc(s.reason())).append("</li>"));
                h.append("</ul>");
            }
            h.append("</td></tr></table>\n");
        }
    }
}
