/**
 * The human-readable report: one self-contained, offline HTML page ({@code index.html}) built from the report folder
 * alone ({@code results/*.json}, and {@code jmh/*.json} when present), so results from several machines can be
 * merged into one report. {@link org.biradsrepro.report.HtmlReport} lays the page out from one
 * {@code Section} per part, verdicts first; charts are inline SVG; everything from data or configuration is
 * escaped: by {@code HtmlBuilder}, which escapes by default, in the sections converted to it, else by
 * {@code Html.esc} at the call site.
 */
package org.biradsrepro.report;
