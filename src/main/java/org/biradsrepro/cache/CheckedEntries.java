package org.biradsrepro.cache;

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
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A folder of float arrays, each stored under a text key that names everything the values depend on. An entry's
 * file name is the SHA-256 of its key; the entry holds the full key too, and a CRC-32C of everything before it, so a
 * torn, truncated or corrupted entry (or, however unlikely, a name collision) reads as damaged, never as values.
 * Entries are written to a temporary file and moved into place, so that a reader, or a run killed mid-write, never
 * leaves or sees half an entry; concurrent writers of one key write the same bytes, and the last move wins.
 *
 * <p>Layout: magic (int), format version (int), key length (int) and key (UTF-8), value count (int), values (float,
 * big-endian), CRC-32C (long) over everything before it. The decode cache's entries have used this layout since
 * before it was shared, so its existing entries stay valid.
 */
public final class CheckedEntries {

    private final Path dir;
    private final int magic;
    private final int format;
    private final String extension;
    private final String setting;
    private final Consumer<String> onDamage;
    private final AtomicInteger damaged = new AtomicInteger();

    /**
     * @param dir the folder, created if missing
     * @param magic the first four bytes of every entry: which cache wrote it
     * @param format the entry layout's version within that cache
     * @param extension the file name ending of entries, e.g. {@code .f32}
     * @param setting the setting that chose the folder, named in error messages
     * @param onDamage told, in a sentence naming the file, of each damaged entry found (it is then a miss)
     */
    public CheckedEntries(Path dir, int magic, int format, String extension, String setting, Consumer<String> onDamage) {
        this.magic = magic;
        this.format = format;
        this.extension = Objects.requireNonNull(extension, "extension");
        this.setting = Objects.requireNonNull(setting, "setting");
        this.onDamage = Objects.requireNonNull(onDamage, "onDamage");
        try {
            this.dir = Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the cache folder " + dir.toAbsolutePath() + " (" + setting
                    + "): " + e.getMessage() + "; set " + setting + "=off or another folder", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The file an entry with this key lives in. */
    public Path entry(String key) {
        return dir.resolve(sha256(key) + extension);
    }

    /**
     * The values stored under {@code key}, or null when there is no entry or it is damaged (wrong length, magic,
     * format, key, value count or checksum); a damaged entry is counted and reported, and the caller recomputes it.
     */
    public float[] read(String key, int expectedValues) {
        Path entry = entry(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return damaged(entry, "unreadable: " + e.getMessage());
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        long expectedSize = 4 + 4 + 4 + keyBytes.length + 4 + 4L * expectedValues + 8;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length != expectedSize) {
            return damaged(entry, bytes.length + " bytes where " + expectedSize + " were expected");
        }
        if (in.getInt() != magic || in.getInt() != format || in.getInt() != keyBytes.length
                || !in.slice(in.position(), keyBytes.length).equals(ByteBuffer.wrap(keyBytes))
                || in.getInt(in.position() + keyBytes.length) != expectedValues) {
            return damaged(entry, "its header is not this entry's");
        }
        if (crc(bytes, bytes.length - 8) != in.getLong(bytes.length - 8)) {
            return damaged(entry, "checksum mismatch");
        }
        float[] values = new float[expectedValues];
        in.position(in.position() + keyBytes.length + 4);
        in.asFloatBuffer().get(values);
        return values;
    }

    /** Stores {@code values} under {@code key}: written beside the entry, then moved into place. */
    public void write(String key, float[] values) {
        Path entry = entry(key);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(4 + 4 + 4 + keyBytes.length + 4 + 4L * values.length + 8));
        out.putInt(magic).putInt(format).putInt(keyBytes.length).put(keyBytes).putInt(values.length);
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
            throw new UncheckedIOException("Cannot write the cache entry " + entry.toAbsolutePath() + " (" + setting
                    + "); set " + setting + "=off or another folder", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Entries found damaged and so treated as missing. */
    public int damagedEntries() {
        return damaged.get();
    }

    private float[] damaged(Path entry, String why) {
        damaged.incrementAndGet();
        onDamage.accept("damaged cache entry " + entry.toAbsolutePath() + " (" + setting + "): " + why
                + "; it is computed again and rewritten");
        return null;
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

    /** SHA-256 of a text (UTF-8), in lower-case hex. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
