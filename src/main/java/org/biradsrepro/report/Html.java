package org.biradsrepro.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTML text helpers: escaping for element content and attribute values, and number formatting. */
final class Html {

    private Html() {}

    /** Escapes {@code & < > " '}: safe in element content and in quoted attribute values. */
    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A relative URL path segment for an {@code href}: percent-encoded so that a name with {@code ? # %} or spaces
     * still points at its file, then escaped for the attribute.
     */
    static String urlSegment(String name) {
        return esc(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** A metric value with four decimals; an undefined value shows as "n/a", never as a number. */
    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String signed(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.4f", v);
    }
}
