package org.biradsrepro.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds Keras' weight file for a backbone where Keras keeps it, and checks it against the published hash. Never
 * downloads: the message for a missing file names the exact file name, every folder searched and the URL Keras
 * would fetch it from.
 *
 * <p>Search order: the weights folder given (the setting), {@code $KERAS_HOME/models}, {@code ~/.keras/models}
 * (Keras itself looks only in the second when {@code KERAS_HOME} is set, else the third); in each folder the name
 * Keras caches, then the URL's name (NASNet: {@code nasnet_large_no_top.h5}, then {@code NASNet-large-no-top.h5}).
 * A found file must match Keras' published hash (MD5 or SHA-256), or the run stops naming both hashes. An explicit
 * file skips the published check (it may be a fine-tuned or converted file) but its SHA-256 is computed and
 * returned for provenance, as for every found file.
 */
public final class KerasWeightResolver {

    /** Where the file came from. */
    public enum Source { WEIGHTS_DIR, KERAS_HOME, USER_HOME, EXPLICIT }

    /**
     * A file to load.
     *
     * @param file the file
     * @param sha256 its SHA-256, always computed
     * @param source where it was found
     * @param entry the catalogue entry it was checked against; empty for an explicit file
     */
    public record Resolved(Path file, String sha256, Source source, Optional<KerasWeightCatalogue.Entry> entry) {
        public boolean publishedHashChecked() {
            return entry.isPresent();
        }
    }

    private KerasWeightResolver() {}

    /** Searches the weights folder (may be null), {@code $KERAS_HOME/models} and {@code ~/.keras/models}. */
    public static Resolved find(KerasWeightCatalogue.Entry entry, Path weightsDir) {
        return find(entry, weightsDir, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** As {@link #find(KerasWeightCatalogue.Entry, Path)}, with the environment and home folder given (tests). */
    public static Resolved find(KerasWeightCatalogue.Entry entry, Path weightsDir, Map<String, String> env, Path home) {
        List<Path> searched = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        if (weightsDir != null) {
            searched.add(weightsDir);
            sources.add(Source.WEIGHTS_DIR);
        }
        String kerasHome = env.get("KERAS_HOME");
        if (kerasHome != null && !kerasHome.isBlank()) {
            searched.add(Path.of(kerasHome, "models"));
            sources.add(Source.KERAS_HOME);
        }
        searched.add(home.resolve(".keras").resolve("models"));
        sources.add(Source.USER_HOME);
        for (int i = 0; i < searched.size(); i++) {
            for (String name : entry.fileNames()) {
                Path candidate = searched.get(i).resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return checked(entry, candidate, sources.get(i));
                }
            }
        }
        throw new KerasWeightsException("Keras' " + entry.kerasModel() + " weights not found: looked for "
                + String.join(" or ", entry.fileNames()) + " in " + String.join(", ", searched.stream().map(Path::toString).toList())
                + (kerasHome == null ? " (KERAS_HOME not set)" : "") + ". Keras fetches it from " + entry.url()
                + "; put it in one of those folders (nothing here downloads).");
    }

    /** An explicit file: no published hash to check; its SHA-256 is computed for provenance. */
    public static Resolved explicit(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KerasWeightsException(file + ": no such weight file");
        }
        return new Resolved(file, hashes(file).sha256(), Source.EXPLICIT, Optional.empty());
    }

    private static Resolved checked(KerasWeightCatalogue.Entry entry, Path file, Source source) {
        Hashes h = hashes(file);
        String actual = entry.hashAlgorithm().equals("MD5") ? h.md5() : h.sha256();
        if (!actual.equals(entry.hash())) {
            throw new KerasWeightsException(file + ": " + entry.hashAlgorithm() + " " + actual + ", but Keras publishes "
                    + entry.hash() + " for " + entry.kerasModel() + " (a damaged or different file: delete it and fetch "
                    + entry.url() + " again, or pass it explicitly)");
        }
        return new Resolved(file, h.sha256(), source, Optional.of(entry));
    }

    record Hashes(String md5, String sha256) {}

    /** MD5 and SHA-256 in one pass. */
    static Hashes hashes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
                sha.update(buf, 0, n);
            }
            return new Hashes(HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new KerasWeightsException(file + ": cannot read: " + KerasWeightFile.oneLine(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
