package org.biradsrepro.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One {@code repro.*} setting, declared once in {@link Settings}' table: its key, how its text is read, its default
 * per profile, its validation and its description. Parsing, the defaults of {@link ReproConfig.Builder}, the
 * {@code settings} command, the configuration echoed into every results file and the README's settings table are
 * all derived from these rows, so a setting cannot be parsed one way and documented another.
 *
 * <p>Equality is identity: each setting is one constant of {@link Settings}.
 *
 * @param <T> the value a {@link ReproConfig} holds for it
 */
public final class Setting<T> {

    /**
     * How a setting's text becomes a value and back.
     *
     * @param <T> the value type
     */
    public interface Type<T> {
        /**
         * The value of the text (trimmed, never blank); {@code projectDir} resolves relative paths. A malformed text
         * fails naming the key and the text; ranges and cross-checks are left to the setting's validation.
         */
        T parse(String key, String text, Path projectDir);

        /** The value of a documented default: as {@link #parse}, minus checks that only a user's own text needs. */
        default T parseDefault(String key, String text, Path projectDir) {
            return parse(key, text, projectDir);
        }

        /** The text that parses back to the value: what results files record. */
        String format(T value);

        /** The value when nothing applies (no default, or a code-built config without the project's folders). */
        default T unset() {
            return null;
        }
    }

    /**
     * The validation of a value, in {@link ReproConfig.Builder#build()}: returns the value to keep (e.g. trimmed,
     * lower-cased) or throws an {@link InvalidSettingException} naming the key and the value.
     *
     * @param <T> the value type
     */
    @FunctionalInterface
    public interface Check<T> {
        T apply(String key, T value);
    }

    /** Where the setting goes. */
    public enum Use {
        /** Part of {@link ReproConfig} and echoed into every results file (it can change a number, or says how one was made). */
        RECORDED,
        /** Part of {@link ReproConfig}, but changes no number and says nothing about one (e.g. where files go). */
        UNRECORDED,
        /** Read by the test harness alone; known, so that it is not an unknown key, but configures no run. */
        HARNESS
    }

    private final String key;
    private final Type<T> type;
    private final Function<Profile, String> defaults;
    private final Check<T> check;
    private final String description;
    private final Use use;
    private final boolean projectDefault;

    private Setting(String key, Type<T> type, Function<Profile, String> defaults, Check<T> check,
                    String description, Use use, boolean projectDefault) {
        this.key = Objects.requireNonNull(key, "key");
        this.type = Objects.requireNonNull(type, "type");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.check = Objects.requireNonNull(check, "check");
        this.description = Objects.requireNonNull(description, "description");
        this.use = Objects.requireNonNull(use, "use");
        this.projectDefault = projectDefault;
    }

    /** A recorded setting with the same default in every profile ({@code ""}: none) and no validation beyond parsing. */
    static <T> Setting<T> of(String key, Type<T> type, String defaultText, String description) {
        return new Setting<>(key, type, p -> defaultText, (k, v) -> v, description, Use.RECORDED, false);
    }

    /** The same setting with its default depending on the profile. */
    Setting<T> perProfile(Function<Profile, String> byProfile) {
        return new Setting<>(key, type, byProfile, check, description, use, projectDefault);
    }

    /** The same setting validated by {@code check}, for values from the command line and from code alike. */
    Setting<T> checked(Check<T> check) {
        return new Setting<>(key, type, defaults, check, description, use, projectDefault);
    }

    Setting<T> use(Use newUse) {
        return new Setting<>(key, type, defaults, check, description, newUse, projectDefault);
    }

    /**
     * The same setting whose default names a place in the project (the bundled dataset, the decode and feature
     * caches): it applies to settings read with a project folder ({@link Settings#fromMap}); a config built in code
     * starts without it ({@link Type#unset()}).
     */
    Setting<T> projectDefault() {
        return new Setting<>(key, type, defaults, check, description, use, true);
    }

    public String key() {
        return key;
    }

    /** What the setting means, in Markdown (code in backticks), as the README's table shows it. */
    public String description() {
        return description;
    }

    /** {@link #description()} for a terminal: the same words without Markdown's backticks. */
    public String plainDescription() {
        return description.replace("`", "");
    }

    public Use use() {
        return use;
    }

    /** The default as a user would type it, in one profile; {@code ""} when there is none. */
    public String defaultText(Profile profile) {
        return defaults.apply(profile);
    }

    /** The default, for every profile: {@code 5}, or {@code fixture 80, paper 331} where they differ, or {@code none}. */
    public String defaultValue() {
        return describeDefault(Function.identity());
    }

    /** {@link #defaultValue()} with each value in backticks, for the README. */
    public String defaultMarkdown() {
        return describeDefault(v -> "`" + v + "`");
    }

    private String describeDefault(Function<String, String> code) {
        Profile[] profiles = Profile.values();
        if (Arrays.stream(profiles).map(this::defaultText).distinct().count() == 1) {
            String only = defaultText(profiles[0]);
            return only.isEmpty() ? "none" : code.apply(only);
        }
        return Arrays.stream(profiles)
                .map(p -> p.id() + " " + (defaultText(p).isEmpty() ? "none" : code.apply(defaultText(p))))
                .collect(Collectors.joining(", "));
    }

    /** The value of a user's text; relative paths are resolved against {@code projectDir}. */
    T parse(String text, Path projectDir) {
        return type.parse(key, text.trim(), projectDir);
    }

    /** The default value in a profile, relative paths resolved against {@code projectDir}. */
    T defaultIn(Profile profile, Path projectDir) {
        String text = defaultText(profile);
        return text.isEmpty() ? type.unset() : type.parseDefault(key, text, projectDir);
    }

    /** Where a code-built config starts: the default, except for project places, which start unset. */
    T codeDefault(Profile profile) {
        return projectDefault ? type.unset() : defaultIn(profile, Path.of(""));
    }

    /** The value to keep, validated; see {@link #checked}. */
    T validate(T value) {
        return check.apply(key, value);
    }

    /** The value as text that parses back to it. */
    String format(T value) {
        return type.format(value);
    }

    @Override
    public String toString() {
        return key;
    }
}
