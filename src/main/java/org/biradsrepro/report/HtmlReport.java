package org.biradsrepro.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.stats.PairedComparison;
import org.biradsrepro.stats.Summary;

/**
 * {@code index.html}: the Table 2 analogue (mean and standard deviation over splits, baseline against improved),
 * the paired differences split by split, the per-split values, each run's loss curve with its kept and last
 * epochs, the dataset and the provenance. One file, inline CSS and SVG, no script, no external request.
 */
public final class HtmlReport {

    private static final String BASELINE_COLOR = "#b5534a";
    private static final String IMPROVED_COLOR = "#2f6f9f";

    private HtmlReport() {}

    /** Reads {@code reportDir/results/*.json} and writes {@code reportDir/index.html}. */
    public static Path write(Path reportDir) {
        List<RunResult> runs = ResultsFiles.readAll(reportDir.resolve("results"));
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("No results files in " + reportDir.resolve("results").toAbsolutePath());
        }
        Path out = reportDir.resolve("index.html");
        try {
            Files.writeString(out, render(runs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return out;
    }

    public static String render(List<RunResult> runs) {
        Map<String, List<RunResult>> byBackbone = new LinkedHashMap<>();
        runs.forEach(r -> byBackbone.computeIfAbsent(r.backbone(), k -> new ArrayList<>()).add(r));
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>birads-repro: lowest-loss weights versus last-epoch weights</title><style>")
                .append(CSS).append("</style></head><body>\n");
        h.append("<h1>Lowest-loss-epoch weights versus last-epoch weights</h1>\n");
        h.append("<p class=\"lede\">The paper claims that evaluating a transfer-learned CNN with the weights of its "
                + "lowest-loss epoch (<em>improved</em>, Algorithm 2) beats evaluating it with its last-epoch weights "
                + "(<em>baseline</em>, Algorithm 1) on every metric. Here both weight sets come from the <strong>same</strong> "
                + "training run on each split, so each difference below is the effect of the choice of weights alone.</p>\n");
        caveats(h, runs);
        table2(h, byBackbone);
        paired(h, byBackbone);
        perSplit(h, byBackbone);
        curves(h, byBackbone);
        datasetSection(h, runs);
        provenance(h, runs);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void caveats(StringBuilder h, List<RunResult> runs) {
        RunResult first = runs.get(0);
        Set<String> profiles = new LinkedHashSet<>();
        runs.forEach(r -> profiles.add(r.config().getOrDefault("repro.profile", "?")));
        h.append("<div class=\"note\"><strong>Read this first.</strong><ul>");
        if (profiles.contains("fixture")) {
            h.append("<li>Profile <code>fixture</code>: shrunken networks and small images on the bundled synthetic "
                    + "phantoms. These numbers exercise the suite end to end; they are not evidence for or against the paper.</li>");
        }
        h.append("<li>Backbone weights: ").append(Html.esc(first.config().getOrDefault("backboneWeights", "?")))
                .append(". The paper used ImageNet weights.</li>");
        h.append("<li>Monitored loss: <code>").append(Html.esc(first.monitor())).append("</code>; splits: ")
                .append(runs.stream().mapToInt(RunResult::split).max().orElse(0))
                .append(" stratified random 80/20 splits; seed ").append(first.seed()).append(".</li>");
        long same = runs.stream().filter(r -> r.bestEpoch() == r.lastEpoch()).count();
        h.append("<li>In ").append(same).append(" of ").append(runs.size())
                .append(" runs the lowest-loss epoch <em>was</em> the last epoch: there both variants use identical weights "
                        + "and can only tie.</li>");
        h.append("</ul></div>\n");
    }

    private static void table2(StringBuilder h, Map<String, List<RunResult>> byBackbone) {
        h.append("<h2>Table 2 analogue: mean &plusmn; standard deviation over splits</h2>\n<table><thead><tr><th>Backbone</th><th>Weights</th>");
        for (PaperMetric m : PaperMetric.values()) {
            h.append("<th>").append(Html.esc(m.label())).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (Map.Entry<String, List<RunResult>> e : byBackbone.entrySet()) {
            for (String variant : List.of(RunResult.BASELINE, RunResult.IMPROVED)) {
                h.append("<tr class=\"").append(variant).append("\"><td>").append(Html.esc(e.getKey()))
                        .append(" <small>(").append(e.getValue().size()).append(" splits)</small></td><td>")
                        .append(variant.equals(RunResult.BASELINE) ? "last epoch" : "lowest loss").append("</td>");
                for (PaperMetric m : PaperMetric.values()) {
                    Summary s = Summary.of(values(e.getValue(), variant, m));
                    h.append("<td>").append(Html.num(s.mean())).append(" &plusmn; ").append(Html.num(s.sd()));
                    if (s.undefined() > 0) {
                        h.append(" <small>(").append(s.undefined()).append(" undefined)</small>");
                    }
                    h.append("</td>");
                }
                h.append("</tr>");
            }
        }
        h.append("</tbody></table>\n");
    }

    private static void paired(StringBuilder h, Map<String, List<RunResult>> byBackbone) {
        h.append("<h2>Paired differences: improved minus baseline</h2>\n<p>Mean difference over splits (standard deviation), "
                + "then in how many splits the improved variant was better / equal / worse.</p><table><thead><tr><th>Backbone</th>");
        for (PaperMetric m : PaperMetric.values()) {
            h.append("<th>").append(Html.esc(m.label())).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (Map.Entry<String, List<RunResult>> e : byBackbone.entrySet()) {
            h.append("<tr><td>").append(Html.esc(e.getKey())).append("</td>");
            for (PaperMetric m : PaperMetric.values()) {
                PairedComparison c = PairedComparison.of(values(e.getValue(), RunResult.BASELINE, m),
                        values(e.getValue(), RunResult.IMPROVED, m));
                String cls = c.difference().mean() > 0 ? "up" : c.difference().mean() < 0 ? "down" : "flat";
                h.append("<td class=\"").append(cls).append("\">").append(Html.signed(c.difference().mean()))
                        .append(" (").append(Html.num(c.difference().sd())).append(")<br><small>")
                        .append(c.better()).append(" / ").append(c.equal()).append(" / ").append(c.worse());
                if (c.undefined() > 0) {
                    h.append(", ").append(c.undefined()).append(" undefined");
                }
                h.append("</small></td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static void perSplit(StringBuilder h, Map<String, List<RunResult>> byBackbone) {
        h.append("<h2>Per split</h2>\n<table><thead><tr><th>Run</th><th>Epochs</th><th>Kept epoch</th><th>Early stop</th>");
        for (PaperMetric m : PaperMetric.values()) {
            h.append("<th>").append(Html.esc(m.label())).append("<br><small>baseline &rarr; improved</small></th>");
        }
        h.append("<th>Results</th></tr></thead><tbody>");
        for (List<RunResult> runs : byBackbone.values()) {
            for (RunResult r : runs) {
                h.append("<tr><td>").append(Html.esc(r.backbone())).append(" &middot; split ").append(r.split())
                        .append("</td><td>").append(r.lastEpoch()).append("</td><td>").append(r.bestEpoch())
                        .append(r.bestEpoch() == r.lastEpoch() ? " <small>(= last)</small>" : " <small>("
                                + (r.lastEpoch() - r.bestEpoch()) + " before last)</small>")
                        .append("</td><td>").append(r.stoppedEarly() ? "yes" : "no").append("</td>");
                for (PaperMetric m : PaperMetric.values()) {
                    double b = m.of(r.variants().get(RunResult.BASELINE).metrics());
                    double i = m.of(r.variants().get(RunResult.IMPROVED).metrics());
                    h.append("<td>").append(Html.num(b)).append(" &rarr; ").append(Html.num(i)).append("</td>");
                }
                h.append("<td><a href=\"results/").append(Html.esc(r.fileName())).append("\">")
                        .append(Html.esc(r.fileName())).append("</a></td></tr>");
            }
        }
        h.append("</tbody></table>\n");
    }

    private static void curves(StringBuilder h, Map<String, List<RunResult>> byBackbone) {
        h.append("<h2>Training curves</h2>\n<p>Per-epoch loss as Keras logs it (log scale); dashed lines mark the kept "
                + "(lowest-loss) epoch and the last epoch. Accuracy per split: the Figure 1 analogue.</p>\n");
        for (Map.Entry<String, List<RunResult>> e : byBackbone.entrySet()) {
            h.append("<h3>").append(Html.esc(e.getKey())).append("</h3><div class=\"charts\">");
            List<RunResult> runs = e.getValue();
            double[] splits = runs.stream().mapToDouble(RunResult::split).toArray();
            h.append(LineChart.svg(e.getKey() + ": test accuracy per split", "split", List.of(
                    new LineChart.Series("baseline", BASELINE_COLOR, splits, values(runs, RunResult.BASELINE, PaperMetric.ACCURACY)),
                    new LineChart.Series("improved", IMPROVED_COLOR, splits, values(runs, RunResult.IMPROVED, PaperMetric.ACCURACY))),
                    List.of()));
            for (RunResult r : runs) {
                double[] x = r.history().stream().mapToDouble(RunResult.Epoch::epoch).toArray();
                List<LineChart.Series> series = new ArrayList<>();
                series.add(new LineChart.Series("loss", "#333333", x, r.history().stream().mapToDouble(RunResult.Epoch::trainLoss).toArray()));
                if (r.history().stream().anyMatch(ep -> ep.validationLoss() != null)) {
                    series.add(new LineChart.Series("val_loss", "#8a6d00", x, r.history().stream()
                            .mapToDouble(ep -> ep.validationLoss() == null ? Double.NaN : ep.validationLoss()).toArray()));
                }
                h.append(LineChart.svg(r.backbone() + " split " + r.split() + ": loss per epoch", "epoch (split " + r.split() + ")", series,
                        List.of(new LineChart.Mark("kept " + r.bestEpoch(), IMPROVED_COLOR, r.bestEpoch()),
                                new LineChart.Mark("last " + r.lastEpoch(), BASELINE_COLOR, r.lastEpoch())), true));
            }
            h.append("</div>\n");
        }
    }

    private static void datasetSection(StringBuilder h, List<RunResult> runs) {
        h.append("<h2>Dataset</h2>\n");
        Map<String, RunResult> byFingerprint = new LinkedHashMap<>();
        runs.forEach(r -> byFingerprint.putIfAbsent(r.dataset().fingerprint(), r));
        if (byFingerprint.size() > 1) {
            h.append("<p class=\"warn\">These results come from ").append(byFingerprint.size())
                    .append(" different datasets (fingerprints differ): do not average across them.</p>");
        }
        for (RunResult r : byFingerprint.values()) {
            RunResult.DatasetInfo d = r.dataset();
            h.append("<table class=\"kv\"><tr><th>Folder</th><td>").append(Html.esc(d.root())).append("</td></tr>")
                    .append("<tr><th>Fingerprint (SHA-256)</th><td><code>").append(Html.esc(d.fingerprint())).append("</code></td></tr>")
                    .append("<tr><th>Images</th><td>").append(d.images()).append("</td></tr><tr><th>Per class</th><td>");
            for (int c = 0; c < d.classCounts().size(); c++) {
                h.append("BI-RADS ").append(c).append(": ").append(d.classCounts().get(c)).append(c < d.classCounts().size() - 1 ? ", " : "");
            }
            h.append("</td></tr><tr><th>Train / test per split</th><td>").append(d.trainSize()).append(" / ").append(d.testSize());
            if (d.validationSize() > 0) {
                h.append(" (+ ").append(d.validationSize()).append(" validation carved from the training side)");
            }
            h.append("</td></tr><tr><th>Skipped files</th><td>");
            if (d.skipped().isEmpty()) {
                h.append("none");
            } else {
                h.append("<ul>");
                d.skipped().forEach(s -> h.append("<li><code>").append(Html.esc(s.id())).append("</code>: ").append(Html.esc(s.reason())).append("</li>"));
                h.append("</ul>");
            }
            h.append("</td></tr></table>\n");
        }
    }

    private static void provenance(StringBuilder h, List<RunResult> runs) {
        RunResult first = runs.get(0);
        h.append("<h2>Provenance</h2>\n<p>Every figure above comes from the results files linked in the per-split table; "
                + "each carries its configuration, seeds, dataset fingerprint, versions and machine. Shown here: the first run's.</p>");
        kv(h, "Versions", first.versions());
        kv(h, "Machine", first.machine());
        kv(h, "Configuration", first.config());
        Set<String> machines = new LinkedHashSet<>();
        runs.forEach(r -> machines.add(r.machine().toString()));
        if (machines.size() > 1) {
            h.append("<p class=\"warn\">Runs come from ").append(machines.size()).append(" different machines.</p>");
        }
        h.append("<h3>Training cost</h3><table><thead><tr><th>Run</th><th>Variant built</th><th>Frozen / trained stages</th>"
                + "<th>Feature cache</th><th>Values kept per snapshot</th><th>Train seconds</th><th>Images/s</th><th>Restore bit-exact</th><th>Written</th></tr></thead><tbody>");
        for (RunResult r : runs) {
            RunResult.Training t = r.training();
            h.append("<tr><td>").append(Html.esc(r.backbone())).append(" &middot; split ").append(r.split()).append("</td><td>")
                    .append(Html.esc(r.backboneVariant())).append("</td><td>").append(Html.esc(String.join(",", t.frozenStages())))
                    .append(" / ").append(t.trainableStages().isEmpty() ? "head only" : Html.esc(String.join(",", t.trainableStages())))
                    .append("</td><td>").append(t.featureCache() ? "yes" : "no").append("</td><td>").append(t.keptValues())
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", t.seconds())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.0f", t.imagesPerSecond())).append("</td><td>")
                    .append(t.restoreBitExact() ? "yes" : "<strong>NO</strong>").append("</td><td>")
                    .append(Html.esc(r.createdAt())).append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static void kv(StringBuilder h, String title, Map<String, String> values) {
        h.append("<h3>").append(Html.esc(title)).append("</h3><table class=\"kv\">");
        values.forEach((k, v) -> h.append("<tr><th>").append(Html.esc(k)).append("</th><td>").append(Html.esc(v)).append("</td></tr>"));
        h.append("</table>\n");
    }

    static double[] values(List<RunResult> runs, String variant, PaperMetric metric) {
        return runs.stream().mapToDouble(r -> metric.of(r.variants().get(variant).metrics())).toArray();
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222}
            h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1rem}
            table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums}
            th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
            thead th{background:#f4f4f4}tr.improved td{background:#f3f8fc}
            td.up{color:#1d6b2f}td.down{color:#a12a1f}td.flat{color:#666}
            .note{background:#fff8e1;border:1px solid #e8d48b;padding:.5rem 1rem}.warn{color:#a12a1f;font-weight:bold}
            .lede{max-width:60rem}.kv th{background:#fafafa;width:14rem}small{color:#666}
            .charts{display:flex;flex-wrap:wrap;gap:.5rem}.chart{border:1px solid #eee;background:#fff}
            .chart .frame{fill:none;stroke:#ccc}.chart .tick{font-size:9px;fill:#555}.chart .legend{font-size:10px}
            code{font-size:12px}@media print{body{margin:0;max-width:none}.charts{break-inside:avoid}}
            """;
}
