package org.biradsrepro.progress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The process's peak resident memory and the machine's memory, from Linux's {@code /proc}; empty elsewhere, where
 * the timings say "unknown" rather than guess from the JVM's heap, which is not what the operating system sees.
 */
public final class Resources {

    private Resources() {}

    /** {@code VmHWM} of {@code /proc/self/status}: the most resident memory this process has had, in bytes. */
    public static OptionalLong peakResidentBytes() {
        return kibibytes(Path.of("/proc/self/status"), "VmHWM:");
    }

    /** {@code MemTotal} of {@code /proc/meminfo}, in bytes. */
    public static OptionalLong totalMemoryBytes() {
        return kibibytes(Path.of("/proc/meminfo"), "MemTotal:");
    }

    /** The value of a "{@code Key:   1234 kB}" line, in bytes. */
    static OptionalLong kibibytes(Path file, String key) {
        try {
            return kibibytes(Files.readAllLines(file, StandardCharsets.UTF_8), key);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong kibibytes(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB") && parts[0].matches("\\d{1,15}")) {
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        }
        return OptionalLong.empty();
    }
}
