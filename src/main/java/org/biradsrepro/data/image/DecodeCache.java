package org.biradsrepro.data.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.biradsrepro.data.ContentHashes;
import org.biradsrepro.data.DatasetException;

/**
 * Decoded and resized images on disk, so that a second run does not decode again. An entry's name is the SHA-256
 * of the file's content hash and the preprocessor's {@link ImagePreprocessor#settingsKey() settings key} (size
 * and the rules version), so a changed byte or setting is a different entry and never a stale hit. Each entry
 * stores its full key and a CRC-32C of key and pixels: a torn or corrupted entry is detected and recomputed.
 * Entries are written to a temporary file and moved into place, so readers never see half an entry.
 *
 * <p>Files stored raw (uncompressed DICOM, PGM/PPM, BMP) bypass the cache: reading them is cheaper than the hash
 * a cache hit needs, so caching them would only cost time and disk.
 *
 * <p>Layout: magic {@code BRDC}, format version (int), key length (int) and key (UTF-8), value count (int),
 * values (float, big-endian), CRC-32C (long) over everything before it.
 */
public final class DecodeCache {

    private static final int MAGIC = 0x42524443; // "BRDC"
    private static final int FORMAT = 1;

    private final Path dir;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger corrupt = new AtomicInteger();

    public DecodeCache(Path dir) {
        try {
            this.dir = Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatasetException("Cannot create the decode cache folder " + dir.toAbsolutePath()
                    + " (repro.decodeCache): " + e.getMessage() + "; set repro.decodeCache=off or another folder", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The preprocessed image, from the cache when an intact entry exists, else decoded (and stored if compressed). */
    public float[] load(Path file, ImagePreprocessor pre) {
        if (!ImageDecoder.sniff(file).compressed()) {
            return pre.load(file);
        }
        String key = "content=" + ContentHashes.contentHash(file) + ";" + pre.settingsKey();
        Path entry = dir.resolve(sha256(key) + ".f32");
        float[] cached = read(entry, key, ImagePreprocessor.CHANNELS * pre.size() * pre.size());
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        float[] values = pre.load(file);
        write(entry, key, values);
        return values;
    }

    /** Loads served from the cache. */
    public int hits() {
        return hits.get();
    }

    /** Entries found damaged (bad checksum, wrong key or length) and recomputed. */
    public int corruptEntries() {
        return corrupt.get();
    }

    private float[] read(Path entry, String key, int expectedValues) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            corrupt.incrementAndGet();
            return null;
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int expectedSize = 4 + 4 + 4 + keyBytes.length + 4 + 4 * expectedValues + 8;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length != expectedSize || in.getInt() != MAGIC || in.getInt() != FORMAT
                || in.getInt() != keyBytes.length || !in.slice(in.position(), keyBytes.length).equals(ByteBuffer.wrap(keyBytes))
                || in.getInt(in.position() + keyBytes.length) != expectedValues
                || crc(bytes, bytes.length - 8) != in.getLong(bytes.length - 8)) {
            corrupt.incrementAndGet();
            return null;
        }
        float[] values = new float[expectedValues];
        in.position(in.position() + keyBytes.length + 4);
        in.asFloatBuffer().get(values);
        return values;
    }

    private void write(Path entry, String key, float[] values) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(4 + 4 + 4 + keyBytes.length + 4 + 4 * values.length + 8);
        out.putInt(MAGIC).putInt(FORMAT).putInt(keyBytes.length).put(keyBytes).putInt(values.length);
        out.asFloatBuffer().put(values);
        out.position(out.position() + 4 * values.length);
        out.putLong(crc(out.array(), out.position()));
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, entry.getFileName().toString(), ".tmp");
            Files.write(tmp, out.array());
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the decode cache entry " + entry.toAbsolutePath()
                    + " (repro.decodeCache); set repro.decodeCache=off or another folder", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover .tmp file is never read as an entry
            }
        }
    }

    private static long crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
