package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.biradsrepro.claims.ClaimVerdict;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.SampleRuns;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escaping proof: a results folder whose file names, class folder names, settings, backbone, provenance and JMH
 * strings are HTML and script injection attempts. The page is parsed as a browser parses it (jsoup, an HTML5
 * parser): no injected element or attribute exists, and every attempt is there as plain text.
 */
class ReportEscapingTest {

    private static final List<String> ATTACKS = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "'><svg onload=alert(3)>",
            "</title></svg><iframe src=javascript:alert(4)>",
            "</style><base href=//evil.example/>",
            "<a href=\"https://evil.example/\">x</a>");

    private static String attack(int i) {
        return ATTACKS.get(i % ATTACKS.size());
    }

    private static List<RunResult> hostileRuns() {
        // No slash: the backbone names the results file. The other fields carry every attack.
        String backbone = "net" + attack(1) + attack(2);
        return List.of(
                SampleRuns.builder(backbone, 1)
                        .skipped(new RunResult.Skipped("BI-RADS 1/" + attack(0) + ".png", "not an image " + attack(1)),
                                new RunResult.Skipped("BI-RADS " + attack(3) + "/x.txt", "hidden file " + attack(4)))
                        .predictionIds("BI-RADS 0/" + attack(2) + ".png", "BI-RADS 3/" + attack(5) + ".png")
                        .config("repro.dataset", "/data/" + attack(0))
                        .config("repro." + attack(2), attack(3))
                        .config("backboneWeights", attack(1))
                        .datasetRoot("/data/" + attack(4))
                        .fingerprint(attack(5))
                        .machine("cpu", attack(2))
                        .version("commit", attack(3))
                        .createdAt(attack(0))
                        .build(),
                SampleRuns.builder(backbone, 2).machine("device", attack(4)).config("note", attack(5)).build());
    }

    /** The verdicts drawn from the runs, each reason replaced by a hostile one. */
    private static ClaimsFile.Contents hostileVerdicts(List<RunResult> runs) {
        ClaimsFile.Contents c = ClaimsFile.of(runs);
        List<ClaimVerdict> hostile = new java.util.ArrayList<>();
        for (int i = 0; i < c.claims().size(); i++) {
            ClaimVerdict v = c.claims().get(i);
            hostile.add(new ClaimVerdict(v.backbone(), v.metric(), v.paired(), v.splits(), v.differences(),
                    v.undefinedPairs(), v.exercise(), v.estimate(), v.tests(), v.detectability(), v.paperGain(),
                    v.verdict(), v.significantlyWorse(), "reason " + attack(i % 6)));
        }
        return new ClaimsFile.Contents(c.schemaVersion(), c.rule(), c.primaryMetric(), c.pairing(), c.coverage(), hostile,
                c.pooled(), c.backbones(), c.paper(), c.diagnostics(), c.controls(), c.decomposition());
    }

    private static Document hostilePage(Path reportDir) throws IOException {
        List<RunResult> runs = hostileRuns();
        runs.forEach(r -> ResultsFiles.write(reportDir.resolve("results"), r));
        Path jmh = Files.createDirectories(reportDir.resolve("jmh"));
        Files.writeString(jmh.resolve("bench" + attack(1).replace('/', '_') + ".json"), JmhResultsTest.jmhJson(
                "org.biradsrepro.bench." + attack(0), attack(2), attack(3)), StandardCharsets.UTF_8);
        List<RunResult> read = ResultsFiles.readAll(reportDir.resolve("results"));
        String html = HtmlReport.render(new ReportData(read, hostileVerdicts(read), JmhResults.read(reportDir),
                java.util.Optional.empty()));
        return Jsoup.parse(html);
    }

    @Test
    void noInjectedElementExists(@TempDir Path reportDir) throws IOException {
        Document doc = hostilePage(reportDir);

        assertThat(doc.select("script, img, iframe, object, embed, base, form, link, input, frame")).isEmpty();
        assertThat(doc.select("style")).hasSize(1);
        assertThat(doc.select("meta[http-equiv]")).extracting(e -> e.attr("http-equiv"))
                .containsExactly("Content-Security-Policy");
        // Every svg is a chart of ours, with its own title first.
        assertThat(doc.select("svg")).isNotEmpty().allSatisfy(svg -> assertThat(svg.hasClass("chart")).isTrue());
    }

    @Test
    void noInjectedAttributeExists(@TempDir Path reportDir) throws IOException {
        Document doc = hostilePage(reportDir);

        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as("attribute on <%s>", e.tagName()).doesNotStartWith("on")
                        .isNotIn("src", "srcdoc", "formaction", "xlink:href", "background");
            }
        }
        assertThat(doc.select("a[href]")).isNotEmpty().allSatisfy(a -> assertThat(a.attr("href"))
                .matches("(results/|jmh/|#)[A-Za-z0-9%._-]*"));
    }

    @Test
    void everyAttemptIsShownAsText(@TempDir Path reportDir) throws IOException {
        Document doc = hostilePage(reportDir);
        String text = doc.body().text();

        // Skipped files and their reasons, dataset root, settings, provenance, the backbone, verdicts, JMH.
        assertThat(text).contains("BI-RADS 1/" + ATTACKS.get(0) + ".png", "not an image " + ATTACKS.get(1),
                "BI-RADS " + ATTACKS.get(3) + "/x.txt", "/data/" + ATTACKS.get(4), "repro." + ATTACKS.get(2),
                ATTACKS.get(5), "net" + ATTACKS.get(1) + ATTACKS.get(2), "reason " + ATTACKS.get(3),
                "org.biradsrepro.bench." + ATTACKS.get(0));
        // Titles inside charts are text too.
        assertThat(doc.select("svg > title").eachText()).anyMatch(t -> t.contains("net" + ATTACKS.get(1)));
        assertThat(doc.title()).doesNotContain("<");
    }
}
