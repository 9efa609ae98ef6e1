package org.biradsrepro.report;

/** One navigable part of the page: an anchor, a heading, and the HTML under it. */
interface Section {

    /** The anchor, made of letters and dashes only: it is written unescaped into {@code id} and {@code href}. */
    String id();

    String title();

    void render(ReportData data, StringBuilder h);
}
