/**
 * The human-readable report: one self-contained, offline HTML page ({@code index.html}) built from the report folder
 * alone ({@code results/*.json}, and {@code jmh/*.json} when present), so results from several machines can be
 * merged into one report. {@link org.biradsrepro.report.HtmlReport} lays the page out from one
 * {@code Section} per part, verdicts first; charts are inline SVG; sections write through {@code HtmlBuilder},
 * which escapes text and attribute values by default (only {@code LineChart} still calls {@code Html.esc} itself,
 * inside its SVG).
 */
package org.biradsrepro.report;
