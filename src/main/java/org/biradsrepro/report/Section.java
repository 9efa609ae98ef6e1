package org.biradsrepro.report;

import java.util.function.BiConsumer;

/**
 * One navigable part of the page.
 *
 * @param id the anchor, letters, digits and dashes only: it is written unescaped into {@code id} and {@code href}
 * @param title the heading, also the navigation entry
 * @param body writes the HTML under the heading, through an {@link HtmlBuilder} only: a section has no way to write
 *             text unescaped
 */
record Section(String id, String title, BiConsumer<ReportData, HtmlBuilder> body) {

    Section {
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("Section id must be letters, digits and dashes: " + id);
        }
    }
}
