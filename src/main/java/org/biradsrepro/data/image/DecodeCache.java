package org.biradsrepro.data.image;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.biradsrepro.cache.CheckedEntries;
import org.biradsrepro.data.ContentHashes;
import org.biradsrepro.data.DatasetException;

/**
 * Decoded and resized images on disk, so that a second run does not decode again. An entry's key is the file's
 * content hash and the preprocessor's {@link ImagePreprocessor#settingsKey() settings key} (size and the rules
 * version), so a changed byte or setting is a different entry and never a stale hit. Entries are
 * {@link CheckedEntries}: checksummed (a torn or corrupted entry is detected and recomputed) and written atomically.
 *
 * <p>Files stored raw (uncompressed DICOM, PGM/PPM, BMP) bypass the cache: reading them is cheaper than the hash
 * a cache hit needs, so caching them would only cost time and disk.
 */
public final class DecodeCache {

    private static final int MAGIC = 0x42524443; // "BRDC"
    private static final int FORMAT = 1;

    private final CheckedEntries entries;
    private final AtomicInteger hits = new AtomicInteger();

    public DecodeCache(Path dir) {
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
        String key = "content=" + ContentHashes.contentHash(file) + ";" + pre.settingsKey();
        float[] cached = entries.read(key, ImagePreprocessor.CHANNELS * pre.size() * pre.size());
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        float[] values = pre.load(file);
        entries.write(key, values);
        return values;
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
