package org.biradsrepro.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The processor as the numeric kernels see it. The model name alone is not enough: on the machines this suite runs
 * on it is literally {@code AMD EPYC} for Zen 4 and Zen 5 alike, while oneDNN and ATen pick their kernels by the
 * instruction sets present, and those differ between the two. Vendor, family and model name the
 * microarchitecture (the stepping, a silicon revision, is left out: kernels do not dispatch on it); the flags are
 * those of {@link #KERNEL_FLAGS} the CPU has.
 *
 * @param vendor {@code vendor_id}, e.g. {@code AuthenticAMD}
 * @param family {@code cpu family}, e.g. {@code 26}
 * @param model {@code model} (the number), e.g. {@code 2}
 * @param modelName {@code model name}, e.g. {@code AMD EPYC}: what results have always recorded as {@code cpu}
 * @param flags the {@link #KERNEL_FLAGS} present, sorted
 */
public record Cpu(String vendor, String family, String model, String modelName, SortedSet<String> flags) {

    /**
     * The instruction-set flags oneDNN ({@code cpu_isa_traits}) and ATen ({@code CPU_CAPABILITY}) dispatch on, as
     * Linux names them: two CPUs that differ in one of these may run other kernels and give other last bits.
     */
    public static final List<String> KERNEL_FLAGS = List.of("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c",
            "avx_vnni", "avx_vnni_int8", "avx_ne_convert", "avx512f", "avx512dq", "avx512cd", "avx512bw",
            "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16", "amx_int8",
            "amx_fp16");

    private static final String UNKNOWN = "unknown";

    public Cpu {
        flags = Collections.unmodifiableSortedSet(new TreeSet<>(flags));
    }

    /** This machine's processor, read once per JVM; {@link #unknown()} where there is no {@code /proc/cpuinfo}. */
    public static Cpu ofThisMachine() {
        return ThisMachine.CPU;
    }

    /** The first processor described by the text of a {@code /proc/cpuinfo}; the others are the same part. */
    public static Cpu parse(List<String> cpuinfo) {
        String vendor = null;
        String family = null;
        String model = null;
        String name = null;
        String flagLine = null;
        int processors = 0;
        for (String line : cpuinfo) {
            String[] kv = line.split(":", 2);
            if (kv.length != 2) {
                continue;
            }
            String value = kv[1].trim();
            switch (kv[0].trim()) {
                case "processor" -> processors++;
                case "vendor_id" -> vendor = vendor == null ? value : vendor;
                case "cpu family" -> family = family == null ? value : family;
                case "model" -> model = model == null ? value : model;
                case "model name" -> name = name == null ? value : name;
                case "flags" -> flagLine = flagLine == null ? value : flagLine;
                default -> { }
            }
            if (processors > 1) {
                break;
            }
        }
        if (vendor == null && family == null && name == null) {
            return unknown();
        }
        SortedSet<String> present = new TreeSet<>();
        if (flagLine != null) {
            List<String> all = Arrays.asList(flagLine.split("\\s+"));
            KERNEL_FLAGS.stream().filter(all::contains).forEach(present::add);
        }
        return new Cpu(orUnknown(vendor), orUnknown(family), orUnknown(model),
                name == null ? System.getProperty("os.arch") + " (model unknown)" : name, present);
    }

    /** A CPU this JVM cannot describe (no {@code /proc/cpuinfo}): its architecture alone. */
    public static Cpu unknown() {
        return new Cpu(UNKNOWN, UNKNOWN, UNKNOWN, System.getProperty("os.arch") + " (model unknown)", new TreeSet<>());
    }

    /**
     * Everything about the processor that can change a number, as one line: {@code AuthenticAMD family 26 model 2;
     * avx avx2 ...}. Two hosts with the same line run the same kernels.
     */
    public String identity() {
        return vendor + " family " + family + " model " + model + "; " + (flags.isEmpty() ? "no vector extensions known"
                : String.join(" ", flags));
    }

    /** "family F model M", for the timings ({@code cpuFamilyModel}); empty when unknown. */
    public Optional<String> familyModel() {
        return family.equals(UNKNOWN) || model.equals(UNKNOWN) ? Optional.empty()
                : Optional.of("family " + family + " model " + model);
    }

    private static String orUnknown(String value) {
        return value == null ? UNKNOWN : value;
    }

    /** The one read of {@code /proc/cpuinfo}, on first use. */
    private static final class ThisMachine {
        static final Cpu CPU = read(Path.of("/proc/cpuinfo"));

        private static Cpu read(Path cpuinfo) {
            try {
                return parse(Files.readAllLines(cpuinfo, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                return unknown(); // not Linux, or not readable
            }
        }
    }
}
