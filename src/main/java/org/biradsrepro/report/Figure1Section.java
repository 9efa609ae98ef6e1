package org.biradsrepro.report;

import java.util.List;
import java.util.Map;
import org.biradsrepro.claims.ClaimedMetric;
import org.biradsrepro.results.RunResult;

/** The Figure 1 analogue: test accuracy per split, baseline against improved, one chart per backbone. */
final class Figure1Section {

    private Figure1Section() {}

    static void render(ReportData data, HtmlBuilder h) {
        h.markup("<p>Test accuracy on each split with the last-epoch weights (baseline) and the lowest-loss weights "
                + "(improved). Where the two lines meet, the kept epoch was the last one or both weight sets classify alike.</p>").newline();
        h.open("div", "class", "charts");
        for (Map.Entry<String, List<RunResult>> e : data.byBackbone().entrySet()) {
            List<RunResult> runs = e.getValue();
            double[] splits = runs.stream().mapToDouble(RunResult::split).toArray();
            h.chart(LineChart.svg(e.getKey() + ": test accuracy per split", e.getKey() + ": split", List.of(
                    new LineChart.Series("baseline", Palette.BASELINE, splits, ReportData.values(runs, RunResult.BASELINE, ClaimedMetric.ACCURACY)),
                    new LineChart.Series("improved", Palette.IMPROVED, splits, ReportData.values(runs, RunResult.IMPROVED, ClaimedMetric.ACCURACY))),
                    List.of()));
        }
        h.close("div").newline();
    }
}
