package org.biradsrepro.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.TreeMap;
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
            classes.putAll(classFiles(anchor));
        }
        MessageDigest md = CheckedEntries.sha256();
        classes.forEach((name, bytes) -> {
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(bytes);
        });
        return HexFormat.of().formatHex(md.digest());
    }

    private static TreeMap<String, byte[]> classFiles(Class<?> anchor) {
        String folder = anchor.getPackageName().replace('.', '/') + "/";
        TreeMap<String, byte[]> out = new TreeMap<>();
        try {
            Path where = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.list(where.resolve(folder))) {
                    for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".class")).toList()) {
                        out.put(folder + f.getFileName(), Files.readAllBytes(f));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    for (JarEntry e : Collections.list(jar.entries())) {
                        String name = e.getName();
                        if (name.startsWith(folder) && name.endsWith(".class") && name.indexOf('/', folder.length()) < 0) {
                            try (InputStream in = jar.getInputStream(e)) {
                                out.put(name, in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the classes of " + anchor.getPackageName(), e);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot locate the classes of " + anchor.getPackageName()
                    + " to identify the code a cache entry comes from", e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("No class files found for " + anchor.getPackageName());
        }
        return out;
    }
}
