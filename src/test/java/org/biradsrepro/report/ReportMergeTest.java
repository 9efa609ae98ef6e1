package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.testing.SampleRuns;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results from several machines merge into one page: copy their {@code results/*.json} into one folder and run the
 * report command on it. Nothing but the files is needed.
 */
class ReportMergeTest {

    @Test
    void twoMachinesResultsFoldersMakeOnePage(@TempDir Path tmp) throws IOException {
        Path machineA = tmp.resolve("a/results");
        Path machineB = tmp.resolve("b/results");
        ResultsFiles.write(machineA, SampleRuns.builder("resnet152", 1).machine("cpu", "machine A").build());
        ResultsFiles.write(machineA, SampleRuns.builder("resnet152", 2).machine("cpu", "machine A").build());
        ResultsFiles.write(machineB, SampleRuns.builder("inceptionv3", 1).machine("cpu", "machine B").epochs(8, 8).build());
        ResultsFiles.write(machineB, SampleRuns.builder("resnet152", 3).machine("cpu", "machine B").build());
        Path merged = Files.createDirectories(tmp.resolve("merged/results"));
        for (Path dir : new Path[] {machineA, machineB}) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.copy(f, merged.resolve(f.getFileName()));
                }
            }
        }

        Path index = HtmlReport.write(merged.getParent());
        Document doc = Jsoup.parse(Files.readString(index, StandardCharsets.UTF_8));

        assertThat(doc.select("#results a").eachAttr("href")).containsExactly("results/inceptionv3-split1.json",
                "results/resnet152-split1.json", "results/resnet152-split2.json", "results/resnet152-split3.json");
        // Verdicts follow the paper's Table 2 order of backbones.
        assertThat(doc.selectFirst("table.verdicts").select("tbody th").eachText()).containsExactly("resnet152", "inceptionv3");
        assertThat(doc.select("table.table2 tbody tr.baseline td:first-child").eachText())
                .containsExactly("inceptionv3 (1 splits)", "resnet152 (3 splits)");
        // The machines differ: each value is listed with the runs that carry it.
        Element cpu = doc.select("#provenance table.kv tr").stream().filter(tr -> tr.selectFirst("th").text().equals("cpu"))
                .findFirst().orElseThrow();
        assertThat(cpu.select("ul.differs li").eachText()).containsExactly(
                "machine B (inceptionv3 split 1, resnet152 split 3)", "machine A (resnet152 split 1, resnet152 split 2)");
        // A value all runs share is shown once.
        Element djlThreads = doc.select("#provenance table.kv tr").stream()
                .filter(tr -> tr.selectFirst("th").text().equals("engineThreads")).findFirst().orElseThrow();
        assertThat(djlThreads.selectFirst("td").text()).isEqualTo("2");
    }
}
