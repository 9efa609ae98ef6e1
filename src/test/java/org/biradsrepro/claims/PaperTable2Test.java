package org.biradsrepro.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.biradsrepro.claims.ClaimedMetric;

/**
 * The paper's numbers on the page are those of its Table 2, copied verbatim into {@code fixtures/paper/table2.tsv}
 * and read from there: the classpath copy is that file, every backbone has both rows, and a few printed cells
 * (checked by eye against the paper's PDF) come out as printed.
 */
class PaperTable2Test {

    @Test
    void theClasspathTableIsTheFixtureFileByteForByte() throws IOException {
        Path root = Path.of(System.getProperty("repro.projectDir", System.getProperty("user.dir")));
        byte[] fixture = Files.readAllBytes(root.resolve("fixtures/paper/table2.tsv"));
        try (InputStream in = PaperTable2.class.getResourceAsStream(PaperTable2.RESOURCE)) {
            assertThat(in).as("table2.tsv on the classpath").isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(fixture);
        }
    }

    @Test
    void everyBackboneOfThePaperHasBothRowsWithOneValuePerMetric() {
        assertThat(PaperTable2.rows()).containsOnlyKeys("regnet", "resnet152", "inceptionv3", "nasnetlarge",
                "nasnetmobile", "mobilenetv3");
        PaperTable2.rows().values().forEach(row -> {
            assertThat(row.baseline()).as(row.paperName()).hasSize(ClaimedMetric.values().length);
            assertThat(row.improved()).as("Improved " + row.paperName()).hasSize(ClaimedMetric.values().length);
        });
    }

    @Test
    void cellsAreKeptAsPrinted() {
        assertThat(PaperTable2.row("resnet152").orElseThrow().baseline())
                .containsExactly("74.96%", "85.18%", "68.92%", "0.68", "0.88", "0.86");
        assertThat(PaperTable2.row("mobilenetv3").orElseThrow().improved())
                .containsExactly("89.85%", "94.04%", "85.57%", "0.87", "0.96", "0.95");
    }

    @Test
    void registryIdsMapToThePapersNames() {
        assertThat(PaperTable2.row("inceptionv3")).get().extracting(PaperTable2.Row::paperName).isEqualTo("InceptionV3");
        assertThat(PaperTable2.row("NASNetMobile")).get().extracting(PaperTable2.Row::paperName).isEqualTo("NasNetMobile224");
        assertThat(PaperTable2.row("vgg16")).isEmpty();
    }

    @Test
    void printedPercentagesAndFractionsReadAsFractions() {
        PaperTable2.Row regnet = PaperTable2.row("regnet").orElseThrow();

        assertThat(regnet.baselineValue(ClaimedMetric.ACCURACY)).isEqualTo(0.89);
        assertThat(regnet.improvedValue(ClaimedMetric.PRECISION)).isEqualTo(0.948);
        assertThat(regnet.improvedValue(ClaimedMetric.PRC)).isEqualTo(0.98);
    }

    @Test
    void aDamagedTableIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> PaperTable2.parse(List.of("RegNet\t89%\t0.88")))
                .hasMessageContaining("line 1").hasMessageContaining("3 cells");
        assertThatThrownBy(() -> PaperTable2.parse(List.of("RegNet\t1\t2\t3\t4\t5\t6")))
                .hasMessageContaining("Improved RegNet");
        assertThatThrownBy(() -> PaperTable2.parse(List.of("VGG16\t1\t2\t3\t4\t5\t6", "Improved VGG16\t1\t2\t3\t4\t5\t6")))
                .hasMessageContaining("VGG16");
        assertThatThrownBy(() -> PaperTable2.parse(List.of("RegNet\t1\t2\t3\t4\t5\t6", "Improved RegNet\t1\t2\t3\t4\t5\t6")))
                .hasMessageContaining("lacks rows").hasMessageContaining("resnet152");
    }
}
