package org.biradsrepro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.biradsrepro.context.Cpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhWithCpuTest {

    /** JMH writes its own number forms (1.4118454759301868E11) and "NaN" strings: they must survive exactly. */
    @Test
    void everyEntryGetsTheProcessorAndEveryNumberStaysAsJmhWroteIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(file, """
                [ { "benchmark" : "a.B.c", "jvmArgs" : [ "--add-modules=jdk.incubator.vector" ],
                    "primaryMetric" : { "score" : 1.4118454759301868E11, "scoreError" : "NaN" } },
                  { "benchmark" : "a.B.d", "primaryMetric" : { "score" : 0.173022981708403, "scoreError" : "NaN" } } ]
                """, StandardCharsets.UTF_8);
        Cpu zen5 = new Cpu("AuthenticAMD", "26", "2", "AMD EPYC", new TreeSet<>(List.of("avx512f", "avx2")));

        JmhWithCpu.recordCpu(file, zen5);

        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(written).contains("1.4118454759301868E11", "0.173022981708403", "\"NaN\"",
                "\"--add-modules=jdk.incubator.vector\"");
        assertThat(written.split("\"cpu\"", -1)).hasSize(3);
        assertThat(written).contains("\"family\": \"26\"", "\"model\": \"2\"", "\"modelName\": \"AMD EPYC\"");
    }
}
