package org.biradsrepro.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** Parsing of a setting whose value is one of a few names, case-insensitively. */
final class Choices {

    private Choices() {}

    static <E extends Enum<E>> E parse(String key, String text, E[] values, Function<E, String> id) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values).filter(v -> id.apply(v).equals(t)).findFirst()
                .orElseThrow(() -> new InvalidSettingException(key, text,
                        String.join(" or ", Arrays.stream(values).map(id).toList())));
    }
}
