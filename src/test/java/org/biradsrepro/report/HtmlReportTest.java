package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
    private static final String ATTR = "\"><img src=x onerror=alert(1)>";
    private static final String ATTR_ESCAPED = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";

    /** Two resnet152 splits: accuracy 0.5, 0.7 (baseline) and 0.6, 0.7 (improved); ranking metrics undefined. */
    private static List<RunResult> twoSplits() {
        return List.of(
                SampleRuns.builder("resnet152", 1).epochs(3, 8)
                        .baseline(SampleRuns.metrics(0.5, 0.4, 0.3, 0.35, null, null))
                        .improved(SampleRuns.metrics(0.6, 0.5, 0.3, 0.4, null, null)).build(),
                SampleRuns.builder("resnet152", 2).epochs(8, 8)
                        .baseline(SampleRuns.metrics(0.7, 0.6, 0.5, 0.55, null, null))
                        .improved(SampleRuns.metrics(0.7, 0.6, 0.5, 0.55, null, null)).build());
    }

    /** The table row whose first cell starts with {@code firstCell}, within the table after heading {@code h2}. */
    private static String row(String html, String h2, String rowClass, String firstCell) {
        String section = html.substring(html.indexOf(h2));
        Matcher m = Pattern.compile("<tr" + (rowClass == null ? "" : " class=\"" + rowClass + "\"") + "><td>"
                + Pattern.quote(firstCell) + ".*?</tr>").matcher(section);
        assertThat(m.find()).as("row " + firstCell + " under " + h2).isTrue();
        return m.group();
    }

    @Test
    void table2HasAMeanAndSampleSdRowForEachVariant() {
        String html = HtmlReport.render(twoSplits());

        // Baseline accuracy 0.5, 0.7: mean 0.6, sd sqrt((0.1^2 + 0.1^2) / 1) = 0.141421.
        String baseline = row(html, "Table 2 analogue", "baseline", "resnet152");
        assertThat(baseline).contains("(2 splits)").contains("last epoch").contains("<td>0.6000 &plusmn; 0.1414</td>");
        // Baseline precision 0.4, 0.6 -> 0.5000 +- 0.1414; recall 0.3, 0.5 -> 0.4000 +- 0.1414.
        assertThat(baseline).contains("<td>0.5000 &plusmn; 0.1414</td>").contains("<td>0.4000 &plusmn; 0.1414</td>");
        // Improved accuracy 0.6, 0.7: mean 0.65, sd sqrt(2 * 0.05^2) = 0.070711.
        String improved = row(html, "Table 2 analogue", "improved", "resnet152");
        assertThat(improved).contains("lowest loss").contains("<td>0.6500 &plusmn; 0.0707</td>");
    }

    @Test
    void undefinedValuesShowAsNotAvailable() {
        String html = HtmlReport.render(twoSplits());

        String baseline = row(html, "Table 2 analogue", "baseline", "resnet152");
        assertThat(baseline).contains("<td>n/a &plusmn; n/a <small>(2 undefined)</small></td>");
        assertThat(html).doesNotContain("NaN").doesNotContain("null");
    }

    @Test
    void singleSplitHasNoStandardDeviation() {
        String html = HtmlReport.render(List.of(SampleRuns.run("regnet", 1, 3, 8)));

        // SampleRuns: baseline accuracy 0.5, improved 0.6.
        assertThat(row(html, "Table 2 analogue", "baseline", "regnet")).contains("<td>0.5000 &plusmn; n/a</td>");
        assertThat(row(html, "Table 2 analogue", "improved", "regnet")).contains("<td>0.6000 &plusmn; n/a</td>");
    }

    @Test
    void pairedDifferencesCountSplitsEachWay() {
        String html = HtmlReport.render(twoSplits());

        // Accuracy: +0.1 and 0 -> mean +0.05, one better, one equal, none worse.
        String paired = row(html, "Paired differences", null, "resnet152");
        assertThat(paired).contains("+0.0500 (0.0707)<br><small>1 / 1 / 0</small>");
    }

    @Test
    void everyBackboneGetsItsOwnRows() {
        String html = HtmlReport.render(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("inceptionv3", 1, 3, 8)));

        assertThat(row(html, "Table 2 analogue", "baseline", "regnet")).contains("(1 splits)");
        assertThat(row(html, "Table 2 analogue", "improved", "inceptionv3")).contains("(1 splits)");
    }

    @Test
    void everyRunLinksItsResultsJsonRelatively() {
        String html = HtmlReport.render(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("regnet", 2, 3, 8),
                SampleRuns.run("nasnetlarge", 5, 3, 8)));

        String files = html.substring(html.indexOf("<section id=\"results\">"));
        assertThat(files).contains("<a href=\"results/regnet-split1.json\">")
                .contains("<a href=\"results/regnet-split2.json\">")
                .contains("<a href=\"results/nasnetlarge-split5.json\">");
        assertThat(Pattern.compile("href=\"results/").matcher(files).results().count()).isEqualTo(3);
    }

    @Test
    void caveatCountsRunsWhoseKeptEpochIsTheLastEpoch() {
        String html = HtmlReport.render(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("regnet", 2, 8, 8),
                SampleRuns.run("regnet", 3, 5, 5)));

        assertThat(html).contains("In 2 of 3 runs the kept epoch was the last: there both evaluations used identical weights.");
    }

    @Test
    void caveatSaysZeroWhenNoKeptEpochIsTheLast() {
        String html = HtmlReport.render(List.of(SampleRuns.run("regnet", 1, 3, 8), SampleRuns.run("regnet", 2, 7, 8)));

        assertThat(html).contains("In 0 of 2 runs the kept epoch was the last");
    }

    @Test
    void perSplitRowsShowHowFarTheKeptEpochIsFromTheLast() {
        String html = HtmlReport.render(twoSplits());

        assertThat(row(html, "Per split", null, "resnet152 &middot; split 1")).contains("<td>8</td><td>3</td><td>5</td><td>yes</td>");
        assertThat(row(html, "Per split", null, "resnet152 &middot; split 2"))
                .contains("<td>8</td><td>8</td><td>0 <small>(same weights)</small></td>");
    }

    @Test
    void valuesFromDataAndConfigurationAppearOnlyEscaped() {
        RunResult hostile = SampleRuns.builder("regnet", 1)
                .skipped(new RunResult.Skipped("BI-RADS 1/" + SCRIPT + ".png", "not an image " + ATTR),
                        new RunResult.Skipped("BI-RADS 2/" + ATTR + ".txt", "hidden file"))
                .predictionIds("BI-RADS 0/" + SCRIPT + ".png", "BI-RADS 3/" + ATTR + ".png")
                .config("repro.dataset", "/data/" + SCRIPT)
                .config("backboneWeights", ATTR)
                .weights("file", ATTR)
                .datasetRoot("/data/" + ATTR)
                .createdAt(SCRIPT)
                .build();

        String html = HtmlReport.render(List.of(hostile));

        assertThat(html).doesNotContain(SCRIPT).doesNotContain(ATTR).doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<img");
        assertThat(html).contains("<code>BI-RADS 1/" + SCRIPT_ESCAPED + ".png</code>")
                .contains("<code>BI-RADS 2/" + ATTR_ESCAPED + ".txt</code>")
                .contains("<td>/data/" + SCRIPT_ESCAPED + "</td>")
                .contains("<td>/data/" + ATTR_ESCAPED + "</td>")
                .contains("<tr><th>backboneWeights</th><td>" + ATTR_ESCAPED + "</td></tr>")
                .contains("<tr><th>file</th><td>" + ATTR_ESCAPED + "</td></tr>")
                .contains("Backbone weights: random (seeded Glorot-uniform");
    }

    @Test
    void hostileBackboneNameIsEscapedEverywhereIncludingTheLink() {
        String backbone = "x" + ATTR + SCRIPT;
        String html = HtmlReport.render(List.of(SampleRuns.run(backbone, 1, 3, 8)));

        assertThat(html).doesNotContain(SCRIPT).doesNotContain(ATTR).doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<img");
        // The file name is percent-encoded in the link, so the link still finds the file, and escaped in the text.
        assertThat(html).contains("<a href=\"results/x%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"
                + "%3Cscript%3Ealert%281%29%3C%2Fscript%3E-split1.json\">x" + ATTR_ESCAPED + SCRIPT_ESCAPED + "-split1.json</a>");
    }

    @Test
    void pageIsSelfContained() {
        String html = HtmlReport.render(List.of(SampleRuns.builder("regnet", 1).withValidationLoss(true).build(),
                SampleRuns.run("regnet", 2, 3, 8), SampleRuns.run("resnet152", 1, 8, 8)));
        String lower = html.toLowerCase(Locale.ROOT);

        assertThat(lower).startsWith("<!doctype html>").contains("<svg").endsWith("</html>\n");
        assertThat(lower).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .doesNotContain("<link").doesNotContain("src=").doesNotContain("<iframe").doesNotContain("<object")
                .doesNotContain("@import").doesNotContain("url(");
    }

    @Test
    void escapedHostileValuesAddNoSourceAttributes() {
        String html = HtmlReport.render(List.of(SampleRuns.builder("regnet", 1).config("note", ATTR).build()));

        // The escaped text "src=x" may appear, but never inside a tag.
        assertThat(Pattern.compile("<[a-zA-Z][^>]*\\ssrc\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find()).isFalse();
    }

    @Test
    void writeOnAnEmptyResultsFolderFailsClearly(@TempDir Path reportDir) throws IOException {
        Files.createDirectories(reportDir.resolve("results"));

        assertThatThrownBy(() -> HtmlReport.write(reportDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No results files in " + reportDir.resolve("results").toAbsolutePath());
        assertThat(reportDir.resolve("index.html")).doesNotExist();
    }

    @Test
    void writeWithoutAResultsFolderSaysToRunFirst(@TempDir Path reportDir) {
        assertThatThrownBy(() -> HtmlReport.write(reportDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reportDir.resolve("results").toAbsolutePath().toString())
                .hasMessageContaining("first");
    }

    @Test
    void writeBuildsIndexHtmlFromTheResultsFolderAlone(@TempDir Path reportDir) throws IOException {
        ResultsFiles.write(reportDir.resolve("results"), SampleRuns.run("mobilenetv3", 2, 3, 8));
        ResultsFiles.write(reportDir.resolve("results"), SampleRuns.run("mobilenetv3", 1, 3, 8));

        Path index = HtmlReport.write(reportDir);

        assertThat(index).isEqualTo(reportDir.resolve("index.html"));
        String html = Files.readString(index, StandardCharsets.UTF_8);
        assertThat(html).contains("href=\"results/mobilenetv3-split1.json\"").contains("href=\"results/mobilenetv3-split2.json\"")
                .contains("(2 splits)");
        assertThat(html.indexOf("mobilenetv3 &middot; split 1")).isLessThan(html.indexOf("mobilenetv3 &middot; split 2"));
    }
}
