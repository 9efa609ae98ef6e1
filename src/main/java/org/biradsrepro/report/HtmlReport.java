package org.biradsrepro.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.claims.Controls;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.results.Timings;

/**
 * {@code index.html}, built from a report folder alone ({@code results/*.json}, and {@code jmh/*.json} and
 * {@code timings.json} when present): the verdicts first, then the evidence, one {@link Section} each. One file with inline CSS and SVG, no
 * script, no external request (a Content-Security-Policy forbids any), printable.
 */
public final class HtmlReport {

    /** The table of contents, in page order: anchor, heading, and the class that writes the part. */
    private static final List<Section> SECTIONS = List.of(
            new Section("verdicts", "Verdicts: does the claim hold here?", VerdictsSection::render),
            new Section("decomposition", "Explaining the paper's gain: checkpoint effect beside run-to-run variance",
                    DecompositionSection::render),
            new Section("table2", "Table 2 analogue: mean \u00b1 standard deviation over splits, beside the paper", Table2Section::render),
            new Section("figure1", "Figure 1 analogue: accuracy per split", Figure1Section::render),
            new Section("loss", "Loss curves per run", LossCurvesSection::render),
            new Section("diagnostics", "Run diagnostics: kept epoch against stop epoch, per split", DiagnosticsSection::render),
            new Section("confusion", "Confusion matrices", ConfusionSection::render),
            new Section("roc-pr", "ROC and precision-recall curves per class", RankingCurvesSection::render),
            new Section("per-class", "Per-class metrics and supports", PerClassSection::render),
            new Section("dataset", "Dataset", DatasetSection::render),
            new Section("provenance", "Provenance", ProvenanceSection::render),
            new Section("benchmarks", "Benchmarks (JMH)", BenchmarksSection::render),
            new Section("timings", "Benchmark: where the run's time went", TimingsSection::render),
            new Section("results", "Results files", ResultsLinksSection::render));

    /** Nothing may load: inline styles only, images only as data (none today), no script at all. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private HtmlReport() {}

    /**
     * Reads {@code reportDir/results/*.json} (and {@code reportDir/jmh/*.json}) and writes {@code reportDir/index.html}.
     * It writes nothing else: {@code claims.json}, which CI gates on, is the claims step's ({@link ClaimsFile#write(Path)}),
     * so that a change to the page cannot change the gate.
     */
    public static Path write(Path reportDir) {
        List<RunResult> runs = ResultsFiles.readAll(reportDir.resolve("results"));
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("No results files in " + reportDir.resolve("results").toAbsolutePath());
        }
        ClaimsFile.Contents claims = ClaimsFile.of(runs, Controls.read(reportDir));
        String html = render(new ReportData(runs, claims, JmhResults.read(reportDir), Timings.read(reportDir)));
        Path out = reportDir.resolve("index.html");
        try {
            Files.writeString(out, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The page for these runs, with the verdicts {@link ClaimsFile#of} draws from them (no controls). */
    public static String render(List<RunResult> runs) {
        return render(new ReportData(runs, List.of()));
    }

    /** What a difference on this page is, by how the two weight sets were obtained ({@code repro.pairing}). */
    static String pairingSentence(List<RunResult> runs) {
        if (runs.stream().allMatch(RunResult::isPaired)) {
            return "Here both weight sets come from the <strong>same</strong> training run on each split, so each "
                    + "difference below is the effect of the choice of weights alone; where the kept epoch is the last, "
                    + "the two are identical and can only tie.";
        }
        if (runs.stream().noneMatch(RunResult::isPaired)) {
            return "Here the two weight sets come from <strong>two independent</strong> training runs on each split "
                    + "(<code>repro.pairing=independent</code>), as the paper's two experiments did: each difference "
                    + "is the effect of the choice of weights plus the difference between two runs of the same "
                    + "algorithm, so it never ties by construction and is noisier than a paired one.";
        }
        return "The results mix paired and independent runs: their differences mean different things.";
    }

    static String render(ReportData data) {
        StringBuilder h = new StringBuilder(256 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY).append("\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>birads-repro: lowest-loss weights versus last-epoch weights</title><style>")
                .append(PageStyle.CSS).append("</style></head><body>\n<header>");
        h.append("<h1>Lowest-loss-epoch weights versus last-epoch weights</h1>\n");
        h.append("<p class=\"lede\">The paper claims that evaluating a transfer-learned CNN with the weights of its "
                + "lowest-loss epoch (<em>improved</em>, Algorithm 2) beats evaluating it with its last-epoch weights "
                + "(<em>baseline</em>, Algorithm 1) on every metric. ").append(pairingSentence(data.runs()))
                .append(" Built from ").append(data.runs().size()).append(" results files.</p>\n<nav><ol>");
        HtmlBuilder b = new HtmlBuilder(h);
        SECTIONS.forEach(s -> b.open("li").element("a", s.title(), "href", "#" + s.id()).close("li"));
        h.append("</ol></nav></header>\n<main>\n");
        for (Section s : SECTIONS) {
            b.open("section", "id", s.id()).element("h2", s.title()).newline();
            s.body().accept(data, b);
            b.close("section").newline();
        }
        h.append("</main></body></html>\n");
        return h.toString();
    }
}
