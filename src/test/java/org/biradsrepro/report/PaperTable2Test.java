package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.biradsrepro.claims.ClaimedMetric;

/** The paper's numbers on the page are those of its Table 2, copied verbatim into {@code fixtures/paper/table2.tsv}. */
class PaperTable2Test {

    /** Paper name to printed cells, read from the verbatim copy. */
    private static Map<String, List<String>> printedRows() throws IOException {
        Path root = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")));
        List<String> lines = Files.readAllLines(root.resolve("fixtures/paper/table2.tsv"), StandardCharsets.UTF_8);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("CNN model")).map(l -> l.split("\t"))
                .forEach(cells -> rows.put(cells[0], Arrays.asList(cells).subList(1, cells.length)));
        return rows;
    }

    @Test
    void everyBackboneOfThePaperHasBothRowsAsPrinted() throws IOException {
        Map<String, List<String>> printed = printedRows();

        assertThat(printed).hasSize(12);
        assertThat(PaperTable2.rows()).hasSize(6);
        PaperTable2.rows().values().forEach(row -> {
            assertThat(row.baseline()).as(row.paperName()).isEqualTo(printed.get(row.paperName()));
            assertThat(row.improved()).as("Improved " + row.paperName()).isEqualTo(printed.get("Improved " + row.paperName()));
        });
    }

    @Test
    void registryIdsMapToThePapersNames() {
        assertThat(PaperTable2.row("inceptionv3")).get().extracting(PaperTable2.Row::paperName).isEqualTo("InceptionV3");
        assertThat(PaperTable2.row("nasnetmobile")).get().extracting(PaperTable2.Row::paperName).isEqualTo("NasNetMobile224");
        assertThat(PaperTable2.row("vgg16")).isEmpty();
    }

    @Test
    void printedPercentagesAndFractionsReadAsFractions() {
        PaperTable2.Row regnet = PaperTable2.row("regnet").orElseThrow();

        assertThat(regnet.baselineValue(ClaimedMetric.ACCURACY)).isEqualTo(0.89);
        assertThat(regnet.improvedValue(ClaimedMetric.PRECISION)).isEqualTo(0.948);
        assertThat(regnet.improvedValue(ClaimedMetric.PRC)).isEqualTo(0.98);
    }
}
