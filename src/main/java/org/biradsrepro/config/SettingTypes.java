package org.biradsrepro.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The value types of {@link Settings}' table and the validations its rows share. */
final class SettingTypes {

    private SettingTypes() {}

    /** How a text becomes a value, failing with a message that names the key and the text. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String key, String text, Path projectDir);
    }

    /** A type from a parse function and a format function. */
    static <T> Setting.Type<T> type(Parser<T> parse, Function<T, String> format) {
        return new Setting.Type<>() {
            @Override
            public T parse(String key, String text, Path projectDir) {
                return parse.parse(key, text, projectDir);
            }

            @Override
            public String format(T value) {
                return format.apply(value);
            }
        };
    }

    /** A type whose text needs neither the key nor the project folder (it names the key itself when it fails). */
    static <T> Setting.Type<T> named(Function<String, T> parse, Function<T, String> format) {
        return type((key, text, dir) -> parse.apply(text), format);
    }

    static final Setting.Type<Integer> INT = integer(Integer::parseInt);

    static final Setting.Type<Long> LONG = integer(Long::parseLong);

    private static <T> Setting.Type<T> integer(Function<String, T> parse) {
        return type((key, v, dir) -> {
            try {
                return parse.apply(v);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(key, v, "an integer");
            }
        }, Object::toString);
    }

    static final Setting.Type<Double> DOUBLE = type((key, v, dir) -> {
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new InvalidSettingException(key, v, "a finite number");
    }, d -> Double.toString(d));

    static final Setting.Type<Boolean> BOOLEAN = type((key, v, dir) -> {
        String t = v.toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new InvalidSettingException(key, v, "true or false");
    }, b -> Boolean.toString(b));

    /** Text kept as given (trimmed); its setting's check says which texts it accepts. */
    static final Setting.Type<String> TEXT = type((key, v, dir) -> v, s -> s);

    /** A comma list, items as given; its setting's check trims and validates them. */
    static final Setting.Type<List<String>> LIST = type((key, v, dir) -> Arrays.asList(v.split(",")),
            l -> String.join(",", l));

    /** A path, relative to the project folder. */
    static final Setting.Type<Path> PATH = type((key, v, dir) -> dir.resolve(v).normalize(), Path::toString);

    /** A folder that may be absent; {@code off} (the text) means absent when {@code offWord} is true. */
    static Setting.Type<Optional<Path>> optionalPath(boolean offWord) {
        return new Setting.Type<>() {
            @Override
            public Optional<Path> parse(String key, String v, Path dir) {
                return offWord && v.equalsIgnoreCase("off") ? Optional.empty() : Optional.of(dir.resolve(v).normalize());
            }

            @Override
            public String format(Optional<Path> value) {
                return value.map(Path::toString).orElse(offWord ? "off" : "");
            }

            @Override
            public Optional<Path> unset() {
                return Optional.empty();
            }
        };
    }

    // ---- checks shared by rows of the table

    static Setting.Check<Integer> range(int min, int max) {
        return (key, value) -> {
            if (value < min || value > max) {
                throw new InvalidSettingException(key, Integer.toString(value), "an integer from " + min + " to " + max);
            }
            return value;
        };
    }

    static final Setting.Check<Double> OPEN_UNIT = (key, value) -> {
        if (!(value > 0 && value < 1)) {
            throw new InvalidSettingException(key, Double.toString(value), "a number strictly between 0 and 1");
        }
        return value;
    };

    /** The value, trimmed and lower-cased, if it is one of the allowed names. */
    static Setting.Check<String> oneOf(List<String> allowed) {
        return (key, value) -> {
            String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                throw new InvalidSettingException(key, String.valueOf(value), "one of " + String.join(", ", allowed));
            }
            return v;
        };
    }

    /** Ids trimmed and lower-cased, each one of {@code known} and each once, in the order given. */
    static Setting.Check<List<String>> idList(List<String> known) {
        return (key, given) -> {
            List<String> ids = new ArrayList<>();
            for (String b : given) {
                String id = b.trim().toLowerCase(Locale.ROOT);
                if (!known.contains(id)) {
                    throw new InvalidSettingException(key, b, "a comma list of " + String.join(",", known));
                }
                if (ids.contains(id)) {
                    throw new InvalidSettingException(key, b, "each backbone once");
                }
                ids.add(id);
            }
            if (ids.isEmpty()) {
                throw new InvalidSettingException(key, "", "at least one backbone id");
            }
            return List.copyOf(ids);
        };
    }

    /**
     * The dataset: an existing folder, or the CSV or XLSX file that lists the images, checked as it is read (a
     * config built in code may name one that does not exist yet). The default is not checked here: a command that
     * reads no images (rebuilding the report) must not fail for want of the bundled dataset.
     */
    static final Setting.Type<Path> DATASET = new Setting.Type<>() {
        @Override
        public Path parse(String key, String v, Path projectDir) {
            Path p = projectDir.resolve(v).normalize();
            String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean listing = Files.isRegularFile(p) && (name.endsWith(".csv") || name.endsWith(".xlsx"));
            if (!Files.isDirectory(p) && !listing) {
                throw new InvalidSettingException(key, v,
                        "an existing folder, or a .csv or .xlsx file listing the images (resolved to " + p.toAbsolutePath()
                        + ", which " + (Files.exists(p) ? "is not a folder, nor a .csv or .xlsx file" : "does not exist") + ")");
            }
            return p;
        }

        @Override
        public Path parseDefault(String key, String text, Path projectDir) {
            return projectDir.resolve(text).normalize();
        }

        @Override
        public String format(Path value) {
            return value.toString();
        }
    };

    static final Setting.Check<BackboneWeights> WEIGHTS_FILE_EXISTS = (key, w) -> {
        w.file().ifPresent(f -> {
            if (!Files.isRegularFile(f)) {
                throw new InvalidSettingException(key, f.toString(), "random, imagenet, fixture or the path of a Keras "
                        + ".h5 weights file (" + f.toAbsolutePath() + " " + (Files.exists(f) ? "is not a regular file"
                        : "does not exist") + ")");
            }
        });
        return w;
    };

    static final Setting.Check<Optional<Path>> FOLDER_EXISTS_IF_GIVEN = (key, dir) -> {
        dir.ifPresent(d -> {
            if (!Files.isDirectory(d)) {
                throw new InvalidSettingException(key, d.toString(), "an existing folder (" + d.toAbsolutePath() + " "
                        + (Files.exists(d) ? "is not a folder" : "does not exist") + ")");
            }
        });
        return dir;
    };
}
