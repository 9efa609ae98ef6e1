package org.biradsrepro.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Which compiled code computed a cached value: the SHA-256 of the class files of whole packages, read from where the
 * classes were loaded (a folder or a jar). A cache keyed by it is never served from an older build of that code,
 * even one made from an uncommitted edit; a commit that does not touch those packages keeps its entries.
 */
public final class CodeIdentity {

    private CodeIdentity() {}

    /**
     * SHA-256 over the name and bytes of every class file in each anchor's package (sub-packages excluded), in name
     * order; the same compiled classes give the same text on every machine.
     */
    public static String ofPackages(Class<?>... anchors) {
        TreeMap<String, byte[]> classes = new TreeMap<>();
        for (Class<?> anchor : anchors) {
            String folder = anchor.getPackageName().replace('.', '/') + "/";
            TreeMap<String, byte[]> own = files(anchor, name -> name.startsWith(folder) && name.endsWith(".class")
                    && name.indexOf('/', folder.length()) < 0);
            if (own.isEmpty()) {
                throw new IllegalStateException("No class files found for " + anchor.getPackageName());
            }
            classes.putAll(own);
        }
        return digest(classes);
    }

    /**
     * The identity of every package in the codebase {@code anchor} was loaded from, by package name: each the same
     * SHA-256 {@link #ofPackages} gives for that package alone. A stage's cache key takes the entries of exactly the
     * packages the stage runs ({@link CacheKey#codeOf}), so an edit invalidates what runs the edited code and
     * nothing else.
     */
    public static SortedMap<String, String> byPackage(Class<?> anchor) {
        Map<String, TreeMap<String, byte[]>> packages = new TreeMap<>();
        files(anchor, name -> name.endsWith(".class")).forEach((name, bytes) -> {
            String folder = name.substring(0, name.lastIndexOf('/') + 1);
            packages.computeIfAbsent(folder, f -> new TreeMap<>()).put(name, bytes);
        });
        SortedMap<String, String> out = new TreeMap<>();
        packages.forEach((folder, classes) -> out.put(
                folder.isEmpty() ? "" : folder.substring(0, folder.length() - 1).replace('/', '.'), digest(classes)));
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * {@link #byPackage} of this program (the codebase this class is part of), taken once per JVM: the classes
     * loaded are those that run, whatever happens on disk later.
     */
    public static SortedMap<String, String> ofThisProgram() {
        return ThisProgram.PACKAGES;
    }

    private static final class ThisProgram {
        static final SortedMap<String, String> PACKAGES = byPackage(CodeIdentity.class);
    }

    /**
     * SHA-256 over every file of the codebase {@code anchor} was loaded from (its classes folder or jar: classes and
     * resources, by path), {@code META-INF/} left out since a jar's manifest varies by packager.
     */
    public static String ofCodebase(Class<?> anchor) {
        return digest(files(anchor, name -> !name.startsWith("META-INF/")));
    }

    private static String digest(TreeMap<String, byte[]> files) {
        MessageDigest md = CheckedEntries.sha256();
        files.forEach((name, bytes) -> {
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
            md.update(bytes);
        });
        return HexFormat.of().formatHex(md.digest());
    }

    /** The files of {@code anchor}'s codebase (a folder or a jar) whose '/'-separated paths {@code which} accepts. */
    private static TreeMap<String, byte[]> files(Class<?> anchor, Predicate<String> which) {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try {
            Path where = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                try (Stream<Path> walk = Files.walk(where)) {
                    for (Path f : walk.filter(Files::isRegularFile).toList()) {
                        String name = where.relativize(f).toString().replace('\\', '/');
                        if (which.test(name)) {
                            out.put(name, Files.readAllBytes(f));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    for (JarEntry e : Collections.list(jar.entries())) {
                        if (!e.isDirectory() && which.test(e.getName())) {
                            try (InputStream in = jar.getInputStream(e)) {
                                out.put(e.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the classes beside " + anchor.getName(), e);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot locate the classes beside " + anchor.getName()
                    + " to identify the code that computed a value", e);
        }
        return out;
    }
}
