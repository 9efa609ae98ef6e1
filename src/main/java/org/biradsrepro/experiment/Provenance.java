package org.biradsrepro.experiment;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.biradsrepro.config.Shard;
import org.biradsrepro.train.NativeEngine;

/** Where a figure came from: versions of everything that computes it, and the machine it ran on. */
public final class Provenance {

    private Provenance() {}

    public static Map<String, String> versions(Path projectDir) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("birads-repro", projectVersion());
        v.put("commit", gitCommit(projectDir));
        v.put("djl", Engine.getDjlVersion());
        v.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        return v;
    }

    /**
     * The machine and how the engine runs on it: the thread count is libtorch's own, not the one asked for; the
     * device is the one the networks ran on ({@code repro.device} resolved); the shard is the part of the matrix
     * this process ran ({@code repro.shard}: which job of a fanned-out run wrote the file).
     */
    public static Map<String, String> machine(NativeEngine.State engine, Device device, Shard shard) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("device", device.toString());
        m.put("shard", shard.id());
        m.put("cpu", cpuModel());
        m.put("availableProcessors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("engineThreads", Integer.toString(engine.threads()));
        if (!engine.honoured()) {
            m.put("engineThreadsRequested", Integer.toString(engine.requestedThreads()));
            m.put("engineThreadsNote", engine.note());
        }
        m.put("allocator", engine.zeroFilledAllocations() ? "zero-filled (libtorch caffe2_cpu_allocator_do_zero_fill)"
                : "not zero-filled");
        m.put("nativeHeap", engine.heapRetained() ? "freed memory kept for reuse (glibc M_MMAP_MAX=0, M_TRIM_THRESHOLD max)"
                : "C library defaults");
        m.put("maxHeapMiB", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return m;
    }

    static String projectVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/birads-repro.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The checked-out commit, read from .git without running git; "unknown" outside a checkout. */
    static String gitCommit(Path projectDir) {
        try {
            Path git = projectDir.resolve(".git");
            if (Files.isRegularFile(git)) { // a worktree: ".git" names the real git dir
                String line = Files.readString(git, StandardCharsets.UTF_8).trim();
                git = projectDir.resolve(line.substring(line.indexOf(':') + 1).trim());
            }
            String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).trim();
            if (!head.startsWith("ref:")) {
                return head;
            }
            String ref = head.substring(4).trim();
            for (Path dir : new Path[] {git, commonDir(git)}) {
                Path refFile = dir.resolve(ref);
                if (Files.isRegularFile(refFile)) {
                    return Files.readString(refFile, StandardCharsets.UTF_8).trim();
                }
                Path packed = dir.resolve("packed-refs");
                if (Files.isRegularFile(packed)) {
                    for (String l : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                        if (l.endsWith(" " + ref)) {
                            return l.substring(0, l.indexOf(' '));
                        }
                    }
                }
            }
            return "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Path commonDir(Path git) throws IOException {
        Path common = git.resolve("commondir");
        return Files.isRegularFile(common) ? git.resolve(Files.readString(common).trim()).normalize() : git;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: say so below
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }
}
