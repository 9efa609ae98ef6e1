package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {

    /**
     * A result file in the layout JMH 1.37 writes with {@code -rf json} (one element per benchmark x parameters;
     * an error JMH cannot estimate, with one fork and few iterations, written as the string "NaN").
     */
    static String jmhJson(String benchmark, String paramValue, String secondaryName) {
        String b = benchmark.replace("\\", "\\\\").replace("\"", "\\\"");
        String p = paramValue.replace("\\", "\\\\").replace("\"", "\\\"");
        String s = secondaryName.replace("\\", "\\\\").replace("\"", "\\\"");
        return """
                [
                    {
                        "jmhVersion" : "1.37",
                        "benchmark" : "%s",
                        "mode" : "thrpt",
                        "threads" : 1,
                        "forks" : 1,
                        "jvm" : "/usr/lib/jvm/java-17/bin/java",
                        "jvmArgs" : [ "-Dai.djl.offline=true" ],
                        "jdkVersion" : "17.0.13",
                        "vmName" : "OpenJDK 64-Bit Server VM",
                        "vmVersion" : "17.0.13+11",
                        "warmupIterations" : 1,
                        "warmupTime" : "10 s",
                        "warmupBatchSize" : 1,
                        "measurementIterations" : 2,
                        "measurementTime" : "10 s",
                        "measurementBatchSize" : 1,
                        "params" : { "imageSize" : "%s", "fullSize" : "false" },
                        "primaryMetric" : {
                            "score" : 3.25,
                            "scoreError" : "NaN",
                            "scoreConfidence" : [ "NaN", "NaN" ],
                            "scorePercentiles" : { "0.0" : 3.0, "100.0" : 3.5 },
                            "scoreUnit" : "ops/s",
                            "rawData" : [ [ 3.0, 3.5 ] ]
                        },
                        "secondaryMetrics" : {
                            "%s" : {
                                "score" : 104.0,
                                "scoreError" : 12.5,
                                "scoreConfidence" : [ 91.5, 116.5 ],
                                "scorePercentiles" : { "0.0" : 96.0, "100.0" : 112.0 },
                                "scoreUnit" : "ops/s",
                                "rawData" : [ [ 96.0, 112.0 ] ]
                            }
                        }
                    }
                ]
                """.formatted(b, p, s);
    }

    @Test
    void readsEveryBenchmarkWithItsParametersAndSecondaryMetrics(@TempDir Path reportDir) throws IOException {
        Path jmh = Files.createDirectories(reportDir.resolve("jmh"));
        Files.writeString(jmh.resolve("b.json"), jmhJson("bench.Epoch.cached", "64", "images"), StandardCharsets.UTF_8);
        Files.writeString(jmh.resolve("a.json"), jmhJson("bench.Epoch.endToEnd", "331", "images"), StandardCharsets.UTF_8);
        Files.writeString(jmh.resolve("notes.txt"), "not JMH", StandardCharsets.UTF_8);

        List<JmhResults.Benchmark> all = JmhResults.read(reportDir);

        assertThat(all).extracting(JmhResults.Benchmark::benchmark).containsExactly("bench.Epoch.endToEnd", "bench.Epoch.cached");
        JmhResults.Benchmark first = all.get(0);
        assertThat(first.file()).isEqualTo("a.json");
        assertThat(first.params()).containsEntry("imageSize", "331").containsEntry("fullSize", "false");
        assertThat(first.primary().score()).isEqualTo(3.25);
        assertThat(first.primary().error()).isNaN();
        assertThat(first.secondary().get("images")).isEqualTo(new JmhResults.Score(104.0, 12.5, "ops/s"));
        assertThat(first.jvm()).isEqualTo("OpenJDK 64-Bit Server VM 17.0.13");
    }

    /** {@code fixtures/jmh/epoch-throughput.json}: JMH 1.37's own output of one short run here (README, Benchmarks). */
    @Test
    void readsARealJmhResultFile() {
        Path root = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")));

        List<JmhResults.Benchmark> all = JmhResults.readFile(root.resolve("fixtures/jmh/epoch-throughput.json"));

        assertThat(all).singleElement().satisfies(b -> {
            assertThat(b.benchmark()).isEqualTo("org.biradsrepro.bench.EpochThroughputBenchmark.trainOneEpoch");
            assertThat(b.mode()).isEqualTo("thrpt");
            assertThat(b.params()).containsEntry("path", "cached").containsEntry("images", "256");
            assertThat(b.primary().score()).isEqualTo(0.8076882255894182);
            assertThat(b.primary().error()).isNaN();
            assertThat(b.secondary().get("images").score()).isEqualTo(206.76818575089106);
        });
    }

    /**
     * {@code fixtures/jmh/forward-and-gemm-peak.json}: JMH's own output of one invocation of both benchmarks here (the
     * six full-size backbones at 331 px, batch 8, and the 4096 GEMM; README, Benchmarks): each fraction is the
     * forward pass's {@code flops} rate over the peak's, both as JMH wrote them.
     */
    @Test
    void theForwardRateIsShownAsAShareOfTheEngineGemmOfTheSameRun(@TempDir Path reportDir) throws IOException {
        Path root = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")));
        Path jmh = Files.createDirectories(reportDir.resolve("jmh"));
        Files.copy(root.resolve("fixtures/jmh/forward-and-gemm-peak.json"), jmh.resolve("run.json"));
        // A second run without a peak: its flops must not be divided by the first run's peak.
        Files.writeString(jmh.resolve("other.json"), jmhJson("bench.ForwardThroughputBenchmark.extract", "331", "flops"),
                StandardCharsets.UTF_8);

        List<JmhResults.Benchmark> all = JmhResults.read(reportDir);
        List<JmhResults.FlopRate> rates = JmhResults.flopRates(all);

        assertThat(rates).hasSize(6).allSatisfy(f -> assertThat(f.benchmark().file()).isEqualTo("run.json"));
        JmhResults.FlopRate resnet = rates.stream()
                .filter(f -> f.benchmark().params().get("backbone").equals("resnet152")).findFirst().orElseThrow();
        assertThat(resnet.shareOfEngineGemm()).hasValue(141184547593.01868 / 137674649797.74933);
        assertThat(resnet.shareOfSiliconPeak()).isEmpty();
        String html = HtmlReport.render(new ReportData(List.of(SampleRuns.run("regnet", 1, 3, 8)), all));
        String section = html.substring(html.indexOf("<section id=\"benchmarks\">"));
        assertThat(section).contains("<td>141.18</td><td>not measured</td><td>n/a</td><td>137.67 (n=4096)</td>"
                + "<td>102.5%</td><td>run.json</td>").contains("processor not recorded");
    }

    /**
     * {@code fixtures/jmh/silicon-gemm-forward.json}: JMH's own output, through {@code exec:exec@jmh} (which records
     * the processor), of one invocation of the FMA issue rate, the engine's GEMM and three full-size forward passes
     * (README, "The forward pass against the machine's own peak"; measured under load, so the figures are only data).
     * Each forward rate is a share of the fastest FMA width of the same file, and of its GEMM; the GEMM is a share of
     * the silicon peak too; the FMA rates are the yardstick, not rows.
     */
    @Test
    void everyRateIsAShareOfTheSiliconPeakAndOfTheEngineGemmWithTheProcessorItRanOn(@TempDir Path reportDir)
            throws IOException {
        Path root = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")));
        Path jmh = Files.createDirectories(reportDir.resolve("jmh"));
        Files.copy(root.resolve("fixtures/jmh/silicon-gemm-forward.json"), jmh.resolve("silicon.json"));

        List<JmhResults.Benchmark> all = JmhResults.read(reportDir);
        List<JmhResults.FlopRate> rates = JmhResults.flopRates(all);

        assertThat(all).allSatisfy(b -> assertThat(b.cpu()).hasValueSatisfying(cpu -> {
            assertThat(cpu.familyModel()).hasValue("family 26 model 2");
            assertThat(cpu.flags()).contains("avx512f", "avx512_bf16");
        }));
        assertThat(rates).extracting(r -> r.benchmark().benchmark().replace("org.biradsrepro.bench.", ""))
                .containsExactly("ForwardThroughputBenchmark.extract", "ForwardThroughputBenchmark.extract",
                        "ForwardThroughputBenchmark.extract", "GemmPeakBenchmark.multiply");
        JmhResults.FlopRate resnet = rates.get(0);
        assertThat(resnet.benchmark().params()).containsEntry("backbone", "resnet152");
        assertThat(resnet.siliconPeak()).hasValueSatisfying(p -> assertThat(p.benchmark()).endsWith(".fma512"));
        assertThat(resnet.shareOfSiliconPeak()).hasValue(9.241525514544734E10 / 2.078718421323171E11);
        assertThat(resnet.shareOfEngineGemm()).hasValue(9.241525514544734E10 / 4.0965009151736145E10);
        JmhResults.FlopRate gemm = rates.get(3);
        assertThat(gemm.shareOfSiliconPeak()).hasValue(4.0965009151736145E10 / 2.078718421323171E11);
        assertThat(gemm.shareOfEngineGemm()).isEmpty();

        String html = HtmlReport.render(new ReportData(List.of(SampleRuns.run("regnet", 1, 3, 8)), all));
        String section = html.substring(html.indexOf("<section id=\"benchmarks\">"));
        assertThat(section)
                .contains("<td>92.42</td><td>207.87 (fma512)</td><td>44.5%</td><td>40.97 (n=4096)</td><td>225.6%</td>")
                .contains("<td>40.97</td><td>207.87 (fma512)</td><td>19.7%</td><td>40.97 (n=4096)</td><td>n/a</td>")
                .contains("<code>jmh/silicon.json</code>: AMD EPYC, AuthenticAMD family 26 model 2; avx avx2 avx512_bf16");
    }

    @Test
    void noJmhFolderMeansNoBenchmarksAndThePageSaysHowToMakeThem(@TempDir Path reportDir) {
        assertThat(JmhResults.read(reportDir)).isEmpty();

        String html = HtmlReport.render(List.of(SampleRuns.run("regnet", 1, 3, 8)));
        assertThat(html).contains("No JMH results").contains("-rf json -rff reports/jmh/");
    }

    @Test
    void pageShowsTheFiguresOfAJmhFile(@TempDir Path reportDir) throws IOException {
        Path jmh = Files.createDirectories(reportDir.resolve("jmh"));
        Files.writeString(jmh.resolve("epoch.json"), jmhJson("bench.Epoch.cached", "64", "images"), StandardCharsets.UTF_8);

        String html = HtmlReport.render(new ReportData(List.of(SampleRuns.run("regnet", 1, 3, 8)), JmhResults.read(reportDir)));

        String section = html.substring(html.indexOf("<section id=\"benchmarks\">"));
        assertThat(section).contains("<td>bench.Epoch.cached</td>").contains("3.250 &plusmn; n/a ops/s")
                .contains("images: 104.000 &plusmn; 12.500 ops/s").contains("<a href=\"jmh/epoch.json\">");
    }

    @Test
    void aFileThatIsNotJmhOutputFailsNamingIt(@TempDir Path reportDir) throws IOException {
        Path bad = Files.createDirectories(reportDir.resolve("jmh")).resolve("broken.json");
        Files.writeString(bad, "{\"benchmark\": 1}", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JmhResults.read(reportDir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad.toAbsolutePath().toString()).hasMessageContaining("-rf json");
    }
}
