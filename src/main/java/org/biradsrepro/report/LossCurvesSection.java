package org.biradsrepro.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biradsrepro.results.RunResult;

/** Each run's per-epoch loss, with the kept (lowest-loss) epoch and the epoch training stopped marked. */
final class LossCurvesSection {

    private LossCurvesSection() {}

    static void render(ReportData data, HtmlBuilder h) {
        h.markup("<p>Per-epoch loss as Keras logs it (mean of the batch losses while the weights change; log scale). "
                + "Dashed lines: the kept epoch (improved weights) and the stop epoch (baseline weights), where early "
                + "stopping fired or the epoch budget ran out.</p>").newline();
        for (Map.Entry<String, List<RunResult>> e : data.byBackbone().entrySet()) {
            h.element("h3", e.getKey()).open("div", "class", "charts");
            for (RunResult r : e.getValue()) {
                double[] x = r.history().stream().mapToDouble(RunResult.Epoch::epoch).toArray();
                List<LineChart.Series> series = new ArrayList<>();
                series.add(new LineChart.Series("loss", Palette.NEUTRAL, x,
                        r.history().stream().mapToDouble(RunResult.Epoch::trainLoss).toArray()));
                if (r.history().stream().anyMatch(ep -> ep.validationLoss() != null)) {
                    series.add(new LineChart.Series("val_loss", Palette.VALIDATION, x, r.history().stream()
                            .mapToDouble(ep -> ep.validationLoss() == null ? Double.NaN : ep.validationLoss()).toArray()));
                }
                String stop = (r.stoppedEarly() ? "early stop " : "budget end ") + r.lastEpoch();
                h.chart(LineChart.svg(r.backbone() + " split " + r.split() + ": loss per epoch", "epoch (split " + r.split() + ")",
                        series, List.of(new LineChart.Mark("kept " + r.bestEpoch(), Palette.IMPROVED, r.bestEpoch()),
                                new LineChart.Mark(stop, Palette.BASELINE, r.lastEpoch())), true));
            }
            h.close("div").newline();
        }
    }
}
