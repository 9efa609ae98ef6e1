package org.biradsrepro.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsFileTest {

    @TempDir
    Path tmp;

    @Test
    void writesStrictJsonWithASchemaVersionAndUndefinedNumbersAsNullAndReadsItBack() throws IOException {
        List<RunResult> results = new ArrayList<>(ClaimsTest.runs("resnet152", 0.15, 0.12, 0.18, 0.16, 0.13));
        results.addAll(ClaimsTest.runs("regnet", 0.02, 0.01)); // two splits: uninformative, no test, no interval
        results.addAll(ClaimsTest.runs("mobilenetv3", 8, 0, 0, 0)); // identical weights: not exercised

        Path file = ClaimsFile.write(tmp, ClaimsFile.of(results));

        assertThat(file).isEqualTo(tmp.resolve("claims.json"));
        String text = Files.readString(file);
        assertThat(text).doesNotContain("NaN", "Infinity").contains("\"schemaVersion\": 2", "\"pairing\": \"paired\"",
                "\"primaryMetric\": \"rocAucMacro\"", "\"signFlipP\": null", "\"mde80\"", "\"holmRuledOutP\"");
        JsonParser.parseString(text); // strict JSON
        ClaimsFile.Contents back = ClaimsFile.read(file);
        assertThat(back.rule()).isEqualTo(Claims.RULE);
        assertThat(back.claims()).hasSize(18);
        assertThat(back.pooled()).hasSize(6);
        assertThat(back.claims()).extracting(ClaimVerdict::verdict)
                .containsExactlyElementsOf(Claims.evaluate(results).stream().map(ClaimVerdict::verdict).toList());
        assertThat(back.claims()).filteredOn(v -> v.backbone().equals("mobilenetv3")).extracting(ClaimVerdict::verdict)
                .containsOnly(Verdict.NOT_EXERCISED);
        ClaimVerdict two = back.claims().stream().filter(v -> v.backbone().equals("regnet")).findFirst().orElseThrow();
        assertThat(two.verdict()).isEqualTo(Verdict.UNINFORMATIVE);
        assertThat(two.tests().signFlipP()).isNaN();
        assertThat(back.paper().verdict()).isEqualTo(CombinedVerdict.INCONCLUSIVE);
        assertThat(back.diagnostics()).hasSize(3);
        assertThat(back.controls()).isEmpty();
    }

    @Test
    void aFileOfTheOldLayoutIsRefusedWithHowToRebuildIt() throws IOException {
        Path old = tmp.resolve("claims.json");
        Files.writeString(old, "{\"rule\": \"old\", \"claims\": [{\"verdict\": \"NOT_REPRODUCED\"}]}");

        assertThatThrownBy(() -> ClaimsFile.read(old)).hasMessageContaining("claims schema version 1")
                .hasMessageContaining("this build reads 2").hasMessageContaining("'report' command");
    }
}
