package org.biradsrepro.data;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The six BI-RADS assessment categories the paper classifies (0 to 5), and how class folders may spell them. */
public final class BiradsCategory {

    public static final int COUNT = 6;

    // "BI-RADS 3", "BIRADS_3", "Birad3", "birads3", "bi-rads-3", "3": an optional BI-RADS word, then one digit.
    private static final Pattern FOLDER = Pattern.compile("(?i)^\\s*(?:bi[-_ ]?rads?[-_ ]*)?([0-5])\\s*$");

    private BiradsCategory() {}

    /** The category a class folder's name stands for, if it stands for one. */
    public static Optional<Integer> fromFolderName(String name) {
        Matcher m = FOLDER.matcher(name);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    public static String displayName(int category) {
        if (category < 0 || category >= COUNT) {
            throw new IllegalArgumentException("BI-RADS category out of range 0..5: " + category);
        }
        return "BI-RADS " + category;
    }
}
