package org.biradsrepro.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code's identity changes with any byte of the code it covers, and with nothing else. */
class CodeIdentityTest {

    /** A codebase of one package's classes in {@code dir}, and a class loaded from it to anchor the identity. */
    private static Class<?> anchorIn(Path dir) throws Exception {
        Path from = Path.of(CodeIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/biradsrepro/cache");
        Path to = Files.createDirectories(dir.resolve("org/biradsrepro/cache"));
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
        return loader.loadClass(CheckedEntries.class.getName());
    }

    @Test
    void aChangedResourceOrClassChangesTheCodebaseButTheSameBytesGiveTheSameIdentity(@TempDir Path tmp) throws Exception {
        Class<?> anchor = anchorIn(tmp);
        String before = CodeIdentity.ofCodebase(anchor);
        assertThat(CodeIdentity.ofCodebase(anchor)).isEqualTo(before).hasSize(64);

        Files.writeString(tmp.resolve("model.properties"), "anything=1");
        String withResource = CodeIdentity.ofCodebase(anchor);
        Files.writeString(tmp.resolve("model.properties"), "anything=2");
        String changedResource = CodeIdentity.ofCodebase(anchor);
        Files.writeString(Files.createDirectories(tmp.resolve("META-INF")).resolve("MANIFEST.MF"), "Created-By: anyone");

        assertThat(withResource).isNotEqualTo(before);
        assertThat(changedResource).isNotEqualTo(withResource);
        assertThat(CodeIdentity.ofCodebase(anchor)).as("META-INF is left out").isEqualTo(changedResource);
    }

    @Test
    void aPackageIdentityCoversItsOwnClassesAlone(@TempDir Path tmp) throws Exception {
        Class<?> anchor = anchorIn(tmp);
        String before = CodeIdentity.ofPackages(anchor);
        Files.writeString(tmp.resolve("org/biradsrepro/other.txt"), "not in the package");
        assertThat(CodeIdentity.ofPackages(anchor)).isEqualTo(before);

        Path one = tmp.resolve("org/biradsrepro/cache/CodeIdentity.class");
        byte[] bytes = Files.readAllBytes(one);
        bytes[bytes.length - 1] ^= 1;
        Files.write(one, bytes);
        assertThat(CodeIdentity.ofPackages(anchor)).isNotEqualTo(before);
    }

    @Test
    void eachPackageOfACodebaseHasTheIdentityItHasAlone(@TempDir Path tmp) throws Exception {
        Class<?> anchor = anchorIn(tmp);
        Files.createDirectories(tmp.resolve("org/biradsrepro/other"));
        Files.copy(tmp.resolve("org/biradsrepro/cache/CodeIdentity.class"), tmp.resolve("org/biradsrepro/other/X.class"));
        var before = CodeIdentity.byPackage(anchor);

        assertThat(before).containsOnlyKeys("org.biradsrepro.cache", "org.biradsrepro.other")
                .containsEntry("org.biradsrepro.cache", CodeIdentity.ofPackages(anchor));

        Path one = tmp.resolve("org/biradsrepro/other/X.class");
        byte[] bytes = Files.readAllBytes(one);
        bytes[bytes.length - 1] ^= 1;
        Files.write(one, bytes);
        var after = CodeIdentity.byPackage(anchor);
        assertThat(after.get("org.biradsrepro.other")).isNotEqualTo(before.get("org.biradsrepro.other"));
        assertThat(after.get("org.biradsrepro.cache")).as("another package's edit").isEqualTo(before.get("org.biradsrepro.cache"));
    }
}
