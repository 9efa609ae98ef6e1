package org.biradsrepro.report;

import java.util.regex.Pattern;

/**
 * Writes HTML where escaping is the default, so that a value from data or configuration cannot reach the page
 * unescaped by a forgotten call: {@link #text} and every attribute value go through {@link Html#esc}; tags and
 * attribute names are checked to be plain names; the only way to write markup as it is, {@link #markup}, takes the
 * page's own fixed text (string literals and constants of this package), never a value read from a results file.
 * The output is byte for byte what the hand-escaped code wrote, so converting a section changes nothing on the page.
 *
 * <p>Every section is handed one of these and nothing else to write to ({@link Section#body}), and the page's
 * navigation and headings ({@link HtmlReport}) are written through it too. The one
 * other caller of {@link Html#esc} is {@link LineChart}, which escapes the titles and labels inside its SVG itself.
 */
final class HtmlBuilder {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final StringBuilder out;

    HtmlBuilder(StringBuilder out) {
        this.out = out;
    }

    /** Any value, escaped for element content (numbers and booleans as {@link String#valueOf}). */
    HtmlBuilder text(Object value) {
        out.append(Html.esc(value));
        return this;
    }

    /** The page's own fixed markup (a literal or a constant), written as it is. Never pass data here. */
    HtmlBuilder markup(String fixedMarkup) {
        out.append(fixedMarkup);
        return this;
    }

    /** {@code <tag a="v" ...>}; attribute values escaped; {@code attributes} are name, value pairs. */
    HtmlBuilder open(String tag, String... attributes) {
        out.append('<').append(name(tag));
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs: " + attributes.length + " given");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(name(attributes[i])).append("=\"").append(Html.esc(attributes[i + 1])).append('"');
        }
        out.append('>');
        return this;
    }

    HtmlBuilder close(String tag) {
        out.append("</").append(name(tag)).append('>');
        return this;
    }

    /** {@code <tag ...>value</tag>}, the value escaped. */
    HtmlBuilder element(String tag, Object value, String... attributes) {
        return open(tag, attributes).text(value).close(tag);
    }

    /** A link to {@code folder/fileName} beside the page (each segment percent-encoded) showing {@code shown}, escaped. */
    HtmlBuilder fileLink(String folder, String fileName, String shown) {
        out.append("<a href=\"").append(Html.urlSegment(folder)).append('/').append(Html.urlSegment(fileName))
                .append("\">").append(Html.esc(shown)).append("</a>");
        return this;
    }

    /** An inline SVG chart as {@link LineChart} writes it (LineChart escapes its own titles and labels). */
    HtmlBuilder chart(String lineChartSvg) {
        out.append(lineChartSvg);
        return this;
    }

    HtmlBuilder newline() {
        out.append('\n');
        return this;
    }

    private static String name(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain tag or attribute name: " + name);
        }
        return name;
    }
}
