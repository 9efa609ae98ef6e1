package org.biradsrepro.report;

import org.biradsrepro.results.RunResult;

/** The evidence one click away: a relative link to every results file the page was built from. */
final class ResultsLinksSection {

    private ResultsLinksSection() {}

    static void render(ReportData data, StringBuilder h) {
        h.append("<p>Every figure on this page comes from these files (relative to this page); each carries its "
                + "configuration, seeds, dataset fingerprint, versions, machine, per-epoch losses and every test "
                + "image's probabilities. Rebuild the page from a folder of them, e.g. merged from several machines: "
                + "<code>./mvnw -q compile exec:java -Dexec.args=\"report DIR\"</code> reads <code>DIR/results/*.json</code>.</p><ul class=\"files\">");
        data.runs().forEach(r -> h.append("<li>").append(link(r)).append("</li>"));
        h.append("</ul>\n");
    }

    static String link(RunResult r) {
        return "<a href=\"results/" + Html.urlSegment(r.fileName()) + "\">" + Html.esc(r.fileName()) + "</a>";
    }
}
