/**
 * The human-readable report: one self-contained, offline HTML page ({@code index.html}) built from the results
 * folder alone, so results from several machines can be merged into one report. Everything from data or
 * configuration is HTML-escaped.
 */
package org.biradsrepro.report;
