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

    static void render(ReportData data, HtmlBuilder h) {
        Map<String, RunResult> byFingerprint = new LinkedHashMap<>();
        data.runs().forEach(r -> byFingerprint.putIfAbsent(r.dataset().fingerprint(), r));
        if (byFingerprint.size() > 1) {
            h.open("p", "class", "warn").text("These results come from " + byFingerprint.size()
                    + " different datasets (fingerprints differ): do not average across them.").close("p");
        }
        for (RunResult r : byFingerprint.values()) {
            RunResult.DatasetInfo d = r.dataset();
            h.open("table", "class", "kv");
            row(h, "Folder").text(d.root());
            end(h);
            row(h, "Layout").text(d.layout());
            end(h);
            row(h, "Fingerprint (SHA-256)").element("code", d.fingerprint());
            end(h);
            row(h, "Images").text(d.images());
            end(h);
            row(h, "Per class");
            for (int c = 0; c < d.classCounts().size(); c++) {
                h.text("BI-RADS " + c + ": " + d.classCounts().get(c) + (c < d.classCounts().size() - 1 ? ", " : ""));
            }
            end(h);
            row(h, "Train / test per split").text(d.trainSize() + " / " + d.testSize());
            if (d.validationSize() > 0) {
                h.text(" (+ " + d.validationSize() + " validation carved from the training side)");
            }
            end(h);
            row(h, "Split unit").text(d.splitUnit());
            if (d.officialSplit()) {
                h.markup(" (the dataset's official train/test split)");
            }
            if (d.patients() > 0) {
                h.text("; " + d.patients() + " patients, " + d.trainPatients() + " / " + d.testPatients()
                        + " train / test in this split, none on both sides");
            }
            end(h);
            row(h, "Identical files");
            if (d.duplicates().isEmpty()) {
                h.text("none");
            } else {
                h.text(d.duplicates().size() + " group(s), each kept on one side of every split").open("ul");
                d.duplicates().forEach(g -> h.element("li", "BI-RADS " + g.label() + ": " + String.join(", ", g.ids())));
                h.close("ul");
            }
            if (!d.notes().isEmpty()) {
                end(h);
                row(h, "Notes").open("ul");
                d.notes().forEach(n -> h.element("li", n));
                h.close("ul");
            }
            end(h);
            row(h, "Skipped files");
            if (d.skipped().isEmpty()) {
                h.text("none");
            } else {
                h.text(d.skipped().size()).open("ul");
                d.skipped().forEach(s -> h.open("li").element("code", s.id()).text(": " + s.reason()).close("li"));
                h.close("ul");
            }
            end(h).close("table").newline();
        }
    }

    /** {@code <tr><th>name</th><td>}: the value follows, then {@link #end}. */
    private static HtmlBuilder row(HtmlBuilder h, String name) {
        return h.open("tr").element("th", name).open("td");
    }

    private static HtmlBuilder end(HtmlBuilder h) {
        return h.close("td").close("tr");
    }
}
