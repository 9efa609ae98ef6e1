package org.biradsrepro.experiment;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.biradsrepro.cache.CodeIdentity;
import org.biradsrepro.config.Shard;
import org.biradsrepro.context.Cpu;
import org.biradsrepro.context.Machine;
import org.biradsrepro.context.RunContext;
import org.biradsrepro.context.Versions;
import org.biradsrepro.train.NativeEngine;

/** Where a figure came from: versions of everything that computes it, and the machine it ran on. */
public final class Provenance {

    private Provenance() {}

    /**
     * What this session's numbers depend on besides data and weights: {@code settings} (the echo), the versions of
     * everything that computes them ({@link #versions}) and the machine ({@link #machine}).
     */
    public static RunContext context(Map<String, String> settings, Path projectDir, NativeEngine.State engine,
                                     Device device, Shard shard) {
        return new RunContext(settings, versions(projectDir), machine(engine, device, shard));
    }

    /**
     * The versions of everything that computes a figure; {@code code} is the SHA-256 of the classes and resources
     * that run ({@link #codeFingerprint}), which is what a later session compares before it reuses a result.
     */
    public static Versions versions(Path projectDir) {
        return new Versions(projectVersion(), gitCommit(projectDir), codeFingerprint(projectDir), Engine.getDjlVersion(),
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    }

    /**
     * The machine and how the engine runs on it: the thread count is libtorch's own, as {@code engine} read it
     * back; the device is the one the networks ran on ({@code repro.device} resolved); the shard is the part of the
     * matrix this process ran ({@code repro.shard}: which job of a fanned-out run wrote the file).
     */
    public static Machine machine(NativeEngine.State engine, Device device, Shard shard) {
        Runtime jvm = Runtime.getRuntime();
        return new Machine(device.toString(), shard.id(), Cpu.ofThisMachine(), jvm.availableProcessors(),
                // The keys for the count asked for and why it was not honoured stay for readers of older files: a
                // start now refuses any count but the one asked for, so they hold the count run and no note.
                engine.threads(), engine.threads(), "", engine.allocator(),
                engine.heapRetained(), engine.singleArena(), jvm.maxMemory() >> 20,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    /**
     * SHA-256 over this program's own compiled classes and resources (the folder or jar this class was loaded from:
     * every file's path and bytes, sorted by path, {@code META-INF/} left out since a jar's manifest varies by
     * packager) and, when {@code projectDir} has one, {@code pom.xml}, which pins the libraries. Any change to the
     * code that runs, committed or not, changes it (javac's output is a function of the source); so does a comment,
     * since class files carry line numbers: a harmless recomputation, never a wrong reuse. {@code unknown} when the
     * code cannot be read (then nothing is reused). Computed once per JVM for the classes: those loaded are those
     * that run, whatever happens on disk later.
     */
    static String codeFingerprint(Path projectDir) {
        String classes = CodeHash.CLASSES;
        if (classes.equals(UNKNOWN)) {
            return UNKNOWN;
        }
        MessageDigest sha = sha256();
        sha.update(classes.getBytes(StandardCharsets.UTF_8));
        Path pom = projectDir.resolve("pom.xml");
        try {
            if (Files.isRegularFile(pom)) {
                sha.update(Files.readAllBytes(pom));
            }
        } catch (IOException e) {
            return UNKNOWN;
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static final String UNKNOWN = "unknown";

    /** The classes' hash, taken on first use (a holder, so that reading versions never pays for it twice). */
    private static final class CodeHash {
        static final String CLASSES = hashOwnCode();
    }

    private static String hashOwnCode() {
        try {
            return CodeIdentity.ofCodebase(Provenance.class);
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
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
}
