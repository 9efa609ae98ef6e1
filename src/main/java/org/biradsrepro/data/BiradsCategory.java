package org.biradsrepro.data;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The six BI-RADS assessment categories the paper classifies (0 to 5), and how class folders may spell them. */
public final class BiradsCategory {

    public static final int COUNT = 6;

    // "BI-RADS 3", "BIRADS_3", "Birad3", "birads3", "bi-rads-3", "3": an optional BI-RADS word, then one digit.
    private static final Pattern FOLDER = Pattern.compile("(?i)^\\s*(?:bi[-_ ]?rads?[-_ ]*)?([0-5])\\s*$");

    // An assessment cell in a CSV or spreadsheet: the folder spellings, plus "3.0" as spreadsheets write numbers.
    private static final Pattern ASSESSMENT = Pattern.compile("(?i)^\\s*(?:bi[-_ ]?rads?[-_ ]*)?([0-9])(?:\\.0+)?\\s*$");

    private BiradsCategory() {}

    /**
     * The category an assessment cell stands for ("3", "3.0", "BI-RADS 3", "BIRADS_3"), if it is one of 0..5.
     * Sub-categories such as "4A" are not guessed at: they are not one of the paper's six classes.
     */
    public static Optional<Integer> fromAssessment(String text) {
        Matcher m = ASSESSMENT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int c = Integer.parseInt(m.group(1));
        return c < COUNT ? Optional.of(c) : Optional.empty();
    }

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
