package org.biradsrepro.report;

import org.biradsrepro.results.RunResult;

/** The evidence one click away: a relative link to every results file the page was built from. */
final class ResultsLinksSection {

    private ResultsLinksSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        h.markup("<p>Every figure on this page comes from these files (relative to this page); each carries its "
                + "configuration, seeds, dataset fingerprint, versions, machine, per-epoch losses and every test "
                + "image's probabilities. Rebuild the page from a folder of them, e.g. merged from several machines: "
                + "<code>./mvnw -q compile exec:java -Dexec.args=\"report DIR\"</code> reads <code>DIR/results/*.json</code>.</p>");
        h.open("ul", "class", "files");
        data.runs().forEach(r -> link(h.open("li"), r).close("li"));
        h.close("ul").newline();
    }

    static HtmlBuilder link(HtmlBuilder h, RunResult r) {
        return h.fileLink("results", r.fileName(), r.fileName());
    }
}
