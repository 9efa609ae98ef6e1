package org.biradsrepro.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
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
    void writesStrictJsonWithUndefinedNumbersAsNullAndReadsItBack() throws IOException {
        List<RunResult> results = new ArrayList<>(ClaimsTest.runs("resnet152", 0.05, 0.04, 0.06, 0.055, 0.03));
        results.addAll(ClaimsTest.runs("regnet", 0.02, 0.01)); // one pair short: NaN-free but inconclusive
        results.addAll(ClaimsTest.runs("mobilenetv3", 0, 0, 0)); // all ties: Wilcoxon p and t undefined

        Path file = ClaimsFile.write(tmp, ClaimsFile.of(results));

        assertThat(file).isEqualTo(tmp.resolve("claims.json"));
        String text = Files.readString(file);
        assertThat(text).doesNotContain("NaN", "Infinity").contains("\"wilcoxonP\": null", "\"pairing\": \"paired\"");
        JsonParser.parseString(text); // strict JSON
        ClaimsFile.Contents back = ClaimsFile.read(file);
        assertThat(back.rule()).isEqualTo(Claims.RULE);
        assertThat(back.claims()).hasSize(18);
        assertThat(back.claims()).extracting(ClaimVerdict::verdict)
                .containsExactlyElementsOf(Claims.evaluate(results).stream().map(ClaimVerdict::verdict).toList());
        ClaimVerdict zeros = back.claims().stream().filter(v -> v.backbone().equals("mobilenetv3")).findFirst().orElseThrow();
        assertThat(zeros.wilcoxonP()).isNaN();
        assertThat(back.paper().verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(back.diagnostics()).hasSize(3);
    }

    @Test
    void uninformativeClaimsAndRunsAreMarkedInTheFile() throws IOException {
        List<RunResult> results = new ArrayList<>(ClaimsTest.priorOnly("regnet", 0, 0, 0));
        results.addAll(ClaimsTest.runs("resnet152", 0.05, 0.04, 0.06));

        Path file = ClaimsFile.write(tmp, ClaimsFile.of(results));
        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();

        JsonObject regnetAccuracy = json.getAsJsonArray("claims").get(0).getAsJsonObject();
        assertThat(regnetAccuracy.get("backbone").getAsString()).isEqualTo("regnet");
        assertThat(regnetAccuracy.get("verdict").getAsString()).isEqualTo("UNINFORMATIVE");
        assertThat(regnetAccuracy.get("uninformativePairs").getAsInt()).isEqualTo(3);
        assertThat(json.getAsJsonArray("backbones").get(0).getAsJsonObject().get("uninformative").getAsInt()).isEqualTo(6);
        JsonObject regnet = json.getAsJsonArray("diagnostics").get(0).getAsJsonObject();
        assertThat(regnet.get("learnedNothing").getAsInt()).isEqualTo(3);
        JsonObject run = regnet.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertThat(run.get("baselineUninformative").getAsBoolean()).isTrue();
        assertThat(run.get("improvedChance").getAsString()).startsWith("1 predicted class");
        JsonObject resnet = json.getAsJsonArray("diagnostics").get(1).getAsJsonObject();
        assertThat(resnet.get("uninformativeRuns").getAsInt()).isZero();
        assertThat(ClaimsFile.read(file).claims()).extracting(ClaimVerdict::verdict).containsOnly(Verdict.UNINFORMATIVE,
                Verdict.REPRODUCED);
    }
}
