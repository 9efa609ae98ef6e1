package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.Timings;
import org.biradsrepro.testing.SampleRuns;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark section's timings table, from a timings.json in the report folder. */
class TimingsSectionTest {

    private static Timings timings() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cpu", "AMD EPYC <Zen 5>");
        machine.put("availableProcessors", "2");
        machine.put("memory", "23.43 GiB");
        return new Timings(Timings.SCHEMA, "2026-12-01T23:00:00Z", 200.0, 3L << 30, List.of(
                new Timings.Stage("decode", "", 50.0, 2881, 1, 57.62),
                new Timings.Stage("features", "mobilenetv3", 100.0, 2881, 1, 28.81),
                new Timings.Stage("training", "mobilenetv3", 40.0, 460_800, 5, 11_520.0)),
                Map.of("repro.profile", "paper", "images", "2881"), machine, Map.of("java", "17.0.17"));
    }

    @Test
    void theTableHasOneRowPerStageWithRateAndShareAndTheMachineBesideIt(@TempDir Path reportDir) {
        ResultsFiles.write(reportDir.resolve("results"), SampleRuns.run("regnet", 1, 3, 8));
        Timings.write(reportDir, timings());

        HtmlReport.write(reportDir);
        Element section = Jsoup.parse(readPage(reportDir)).selectFirst("section#timings");

        List<Element> rows = section.select("table.timings tbody tr");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).select("td").eachText()).containsExactly("features", "mobilenetv3", "1", "100.0", "50%", "2881", "28.8");
        assertThat(rows.get(2).select("td").eachText()).containsExactly("training", "mobilenetv3", "5", "40.0", "20%", "460800", "11520.0");
        assertThat(section.text()).contains("200.0 s (0:03:20)", "peak resident memory 3.00 GiB", "AMD EPYC <Zen 5>",
                "repro.profile paper", "images 2881", "java 17.0.17");
        // The CPU's name went through the escaper.
        assertThat(section.html()).contains("AMD EPYC &lt;Zen 5&gt;");
    }

    @Test
    void withoutTimingsTheSectionSaysHowToMeasure() {
        String html = HtmlReport.render(List.of(SampleRuns.run("regnet", 1, 3, 8)));
        assertThat(Jsoup.parse(html).selectFirst("section#timings").text()).contains("No timings.json", TimingsSection.HOW);
    }

    @Test
    void timingsRoundTripAndAStrangeFileIsRefusedByName(@TempDir Path reportDir) throws IOException {
        Timings.write(reportDir, timings());
        assertThat(Timings.read(reportDir)).hasValue(timings());
        Files.writeString(reportDir.resolve(Timings.FILE_NAME), "{\"schema\": 99, \"stages\": []}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Timings.read(reportDir)).hasMessageContaining(Timings.FILE_NAME).hasMessageContaining("schema 1");
        assertThat(Timings.read(reportDir.resolve("elsewhere"))).isEmpty();
    }

    private static String readPage(Path reportDir) {
        try {
            return Files.readString(reportDir.resolve("index.html"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
