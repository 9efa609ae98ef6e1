/**
 * Spreadsheet-like files read into rows of text, {@link org.biradsrepro.data.table.Table}: CSV through Apache
 * Commons CSV with a strict UTF-8 check on top ({@link org.biradsrepro.data.table.Csv}) and an own XLSX reader
 * ({@link org.biradsrepro.data.table.Xlsx}). Column look-up by header name; what the columns mean is the layouts'
 * business.
 */
package org.biradsrepro.data.table;
