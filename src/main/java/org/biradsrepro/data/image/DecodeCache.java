package org.biradsrepro.data.image;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.biradsrepro.cache.CacheKey;
import org.biradsrepro.cache.CheckedEntries;
import org.biradsrepro.cache.CodeIdentity;
import org.biradsrepro.data.ContentHashes;
import org.biradsrepro.data.DatasetException;

/**
 * Decoded and resized images on disk, so that a second run does not decode again. An entry's key
 * ({@link #key}, a {@link CacheKey}) is the file's content hash, the output size and the code identity of this
 * package, where every decoder and preprocessing rule lives: a changed byte, size, decoder or rule is a different
 * entry and never a stale hit, with nothing to bump by hand. Entries are
 * {@link CheckedEntries}: checksummed (a torn or corrupted entry is detected and recomputed) and written atomically.
 *
 * <p>Files stored raw (uncompressed DICOM, PGM/PPM, BMP) bypass the cache: reading them is cheaper than the hash
 * a cache hit needs, so caching them would only cost time and disk.
 */
public final class DecodeCache {

    private static final int MAGIC = 0x42524443; // "BRDC"
    private static final int FORMAT = 1;

    /** What turns a file into pixels: this package's decoders and preprocessing rules (its anchor). */
    public static final List<Class<?>> RUNS = List.of(ImagePreprocessor.class);

    private final CheckedEntries entries;
    private final Map<String, String> program;
    private final AtomicInteger hits = new AtomicInteger();

    public DecodeCache(Path dir) {
        this(dir, CodeIdentity.ofThisProgram());
    }

    /**
     * @param program the code identity of the program's packages ({@link CodeIdentity#byPackage}); another value
     *                stands for edited code
     */
    public DecodeCache(Path dir, Map<String, String> program) {
        this.program = Map.copyOf(program);
        try {
            // A damaged entry is only counted: decoding again is what a miss does anyway.
            this.entries = new CheckedEntries(dir, MAGIC, FORMAT, ".f32", "repro.decodeCache", message -> {});
        } catch (UncheckedIOException e) {
            throw new DatasetException(e.getMessage(), e);
        }
    }

    public Path dir() {
        return entries.dir();
    }

    /** The preprocessed image, from the cache when an intact entry exists, else decoded (and stored if compressed). */
    public float[] load(Path file, ImagePreprocessor pre) {
        if (!ImageDecoder.sniff(file).compressed()) {
            return pre.load(file);
        }
        String key = key(program, ContentHashes.contentHash(file), pre.size()).text();
        float[] cached = entries.read(key, ImagePreprocessor.CHANNELS * pre.size() * pre.size());
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        float[] values = pre.load(file);
        entries.write(key, values);
        return values;
    }

    /** The key of a file's pixels: decoding runs in Java, so on every machine alike ({@link CacheKey#JVM}). */
    public static CacheKey key(Map<String, String> program, String contentHash, int size) {
        return new CacheKey("decoded image", CacheKey.codeOf(program, RUNS), CacheKey.JVM,
                Map.of("content", contentHash, "size", Integer.toString(size)));
    }

    /** Loads served from the cache. */
    public int hits() {
        return hits.get();
    }

    /** Entries found damaged (bad checksum, wrong key or length) and recomputed. */
    public int corruptEntries() {
        return entries.damagedEntries();
    }
}
