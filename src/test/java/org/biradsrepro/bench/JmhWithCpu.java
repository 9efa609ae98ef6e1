package org.biradsrepro.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.biradsrepro.context.Cpu;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * JMH's own command line ({@link Main}, the same arguments), which {@code exec:exec@jmh} runs, and then this machine's
 * processor written into every entry of a JSON result file as {@value #FIELD}: JMH records the JVM but not the CPU,
 * and a GFLOP/s figure means nothing without it (on these machines the model name, {@code AMD EPYC}, does not even
 * tell Zen 4 from Zen 5; {@link Cpu}). The report shows it beside the figures. JMH's benchmark JVMs run on this same
 * machine, so the processor read here is theirs.
 */
public final class JmhWithCpu {

    /** The field of each JMH entry that holds the processor: vendor, family, model, modelName, flags. */
    public static final String FIELD = "cpu";

    private JmhWithCpu() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        Main.main(args); // exits the JVM itself when the run fails, so a stale result file is never annotated
        if (options.getResultFormat().orElse(Defaults.RESULT_FORMAT) != ResultFormatType.JSON) {
            return;
        }
        Path results = Path.of(options.getResult().orElse(
                Defaults.RESULT_FILE_PREFIX + "." + ResultFormatType.JSON.toString().toLowerCase(Locale.ROOT)));
        if (Files.isRegularFile(results)) {
            recordCpu(results, Cpu.ofThisMachine());
        }
    }

    /** Adds {@code cpu} to every entry of the JMH JSON file, keeping every number exactly as JMH wrote it. */
    static void recordCpu(Path jmhJson, Cpu cpu) throws IOException {
        JsonArray entries = JsonParser.parseString(Files.readString(jmhJson, StandardCharsets.UTF_8)).getAsJsonArray();
        for (JsonElement entry : entries) {
            entry.getAsJsonObject().add(FIELD, json(cpu));
        }
        Files.writeString(jmhJson, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(entries) + "\n",
                StandardCharsets.UTF_8);
    }

    private static JsonObject json(Cpu cpu) {
        JsonObject o = new JsonObject();
        o.addProperty("vendor", cpu.vendor());
        o.addProperty("family", cpu.family());
        o.addProperty("model", cpu.model());
        o.addProperty("modelName", cpu.modelName());
        JsonArray flags = new JsonArray();
        cpu.flags().forEach(flags::add);
        o.add("flags", flags);
        return o;
    }
}
