package org.biradsrepro.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What identifies a dataset's content: the SHA-256 of one image file, and the fingerprint of a whole dataset.
 * The scanner computes both, a {@link Dataset} recomputes its fingerprint when images are left out, and the decode
 * cache keys its entries by content.
 */
public final class ContentHashes {

    private ContentHashes() {}

    /**
     * SHA-256 over "id \t label \t sha256(content) \n" for every image in id order; where an image has a patient
     * id, "\t patient" goes before the newline, since patients change the splits.
     */
    public static String fingerprint(List<LabeledImage> images, List<String> hashes) {
        MessageDigest all = sha256();
        for (int i = 0; i < images.size(); i++) {
            LabeledImage image = images.get(i);
            String line = image.id() + "\t" + image.label() + "\t" + hashes.get(i)
                    + (image.patientId() == null ? "" : "\t" + image.patientId()) + "\n";
            all.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(all.digest());
    }

    public static String contentHash(Path file) {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
