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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a class-folder dataset: {@code root/<class folder>/<image>}, where each class folder names a BI-RADS
 * category in any of the spellings {@link BiradsCategory#fromFolderName} accepts. Files at the root (a README, a
 * manifest) are not data and are ignored; anything inside a class folder that is not used is listed as skipped.
 */
public final class DatasetScanner {

    private static final Set<String> IMAGE_SUFFIXES = imageSuffixes();

    private DatasetScanner() {}

    public static Dataset scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("Dataset folder " + root.toAbsolutePath() + (Files.exists(root)
                    ? " is not a folder." : " does not exist."));
        }
        List<Path> folders = list(root).stream().filter(Files::isDirectory).toList();
        List<LabeledImage> images = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int classFolders = 0;
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            if (name.startsWith(".")) {
                skipped.add(new SkippedFile(name + "/", "hidden folder"));
                continue;
            }
            Optional<Integer> category = BiradsCategory.fromFolderName(name);
            if (category.isEmpty()) {
                unknown.add(name);
                continue;
            }
            classFolders++;
            for (Path file : list(folder)) {
                String id = name + "/" + file.getFileName();
                if (Files.isDirectory(file)) {
                    skipped.add(new SkippedFile(id + "/", "nested folder inside a class folder"));
                } else if (file.getFileName().toString().startsWith(".")) {
                    skipped.add(new SkippedFile(id, "hidden file"));
                } else if (!IMAGE_SUFFIXES.contains(suffix(file))) {
                    skipped.add(new SkippedFile(id, "not an image file type this suite reads ("
                            + String.join(", ", IMAGE_SUFFIXES) + ")"));
                } else {
                    images.add(new LabeledImage(id, file, category.get()));
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new DatasetException("Unknown class folder(s) " + unknown + " in " + root.toAbsolutePath()
                    + ". Each sub-folder must name a BI-RADS category 0-5, e.g. 'BI-RADS 3', 'BIRADS_3', 'Birad3' or '3'."
                    + " Folders found: " + folders.stream().map(f -> f.getFileName().toString()).toList());
        }
        if (classFolders == 0 || images.isEmpty()) {
            throw new DatasetException("No images found in " + root.toAbsolutePath()
                    + ": expected one sub-folder per BI-RADS category (e.g. 'BI-RADS 0' .. 'BI-RADS 5') holding image files."
                    + (skipped.isEmpty() ? "" : " Skipped: " + skipped));
        }
        images.sort(Comparator.comparing(LabeledImage::id));
        skipped.sort(Comparator.comparing(SkippedFile::id));
        return new Dataset(root, images, skipped, fingerprint(images));
    }

    /** SHA-256 over "id \t label \t sha256(content) \n" for every image in id order. */
    static String fingerprint(List<LabeledImage> images) {
        MessageDigest all = sha256();
        for (LabeledImage image : images) {
            String line = image.id() + "\t" + image.label() + "\t" + contentHash(image.path()) + "\n";
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

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static String suffix(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Set<String> imageSuffixes() {
        Set<String> s = new TreeSet<>();
        Arrays.stream(ImageIO.getReaderFileSuffixes()).map(x -> x.toLowerCase(Locale.ROOT)).forEach(s::add);
        s.remove("");
        return s;
    }
}
