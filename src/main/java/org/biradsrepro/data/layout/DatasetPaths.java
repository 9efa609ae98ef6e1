package org.biradsrepro.data.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.biradsrepro.data.DatasetException;

/** Paths that data files name, resolved so that none can point outside the dataset root. */
final class DatasetPaths {

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private DatasetPaths() {}

    /**
     * Resolves {@code raw} (a path written in a CSV or spreadsheet, '/' or '\' separated) against {@code base},
     * refusing absolute paths and paths that leave {@code root}, symbolic links included.
     *
     * @param where the row, for the message: "manifest.csv row 7"
     * @throws DatasetException naming the row and the path
     */
    static Path resolveInside(Path root, Path base, String raw, String where) {
        String p = raw.strip().replace('\\', '/');
        if (p.isEmpty()) {
            throw new DatasetException(where + ": the path is empty.");
        }
        if (p.startsWith("/") || WINDOWS_DRIVE.matcher(p).matches()) {
            throw new DatasetException(where + ": absolute path '" + raw + "' refused; paths must be relative to "
                    + base.toAbsolutePath() + " and stay inside the dataset root " + root.toAbsolutePath() + ".");
        }
        Path resolved;
        try {
            resolved = base.resolve(p).normalize();
        } catch (InvalidPathException e) {
            throw new DatasetException(where + ": '" + raw + "' is not a valid path here: " + e.getMessage(), e);
        }
        Path normalRoot = root.toAbsolutePath().normalize();
        if (!resolved.toAbsolutePath().normalize().startsWith(normalRoot) || !staysInsideWhenReal(normalRoot, resolved)) {
            throw new DatasetException(where + ": path '" + raw + "' leaves the dataset root " + normalRoot
                    + "; refused.");
        }
        return resolved;
    }

    /** A symbolic link inside the root may still point outside it. */
    private static boolean staysInsideWhenReal(Path root, Path resolved) {
        if (!Files.exists(resolved)) {
            return true;
        }
        try {
            return resolved.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return true; // unreadable: reported as such by whoever opens it
        }
    }

    /** The id of a file: its path relative to root with '/' separators. */
    static String id(Path root, Path file) {
        return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace(file.getFileSystem().getSeparator(), "/");
    }

    /**
     * Why a file's name cannot be used, if it cannot: a name whose bytes are not valid in the platform's file-name
     * encoding ({@code sun.jnu.encoding}, from the locale: e.g. Latin-1 bytes under a UTF-8 locale, or any
     * non-ASCII byte under the C locale) decodes lossily, so the name shown and written into results would not
     * name the file again. Such a file is reported, never silently dropped and never a crash.
     */
    static Optional<String> unrepresentableName(Path file) {
        String name = file.getFileName().toString();
        boolean roundTrips;
        try {
            roundTrips = file.getFileSystem().getPath(name).equals(file.getFileName());
        } catch (InvalidPathException e) {
            roundTrips = false;
        }
        if (roundTrips && name.indexOf('\uFFFD') < 0) {
            return Optional.empty();
        }
        return Optional.of("file name is not valid " + System.getProperty("sun.jnu.encoding", "text")
                + " (the platform's file-name encoding), so it cannot be named reliably in results; rename the file"
                + " (e.g. convmv -f latin1 -t utf8) or run under a locale that can represent it");
    }
}
