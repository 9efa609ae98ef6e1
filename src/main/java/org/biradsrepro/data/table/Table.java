package org.biradsrepro.data.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.biradsrepro.data.DatasetException;

/**
 * A spreadsheet-like file read into rows of text: a CSV or an XLSX sheet. Column look-up is by header name,
 * case- and space-insensitive, so that {@code "image file path"}, {@code "Image File Path "} and
 * {@code "image_file_path"} are one column.
 *
 * @param source the file, for messages
 * @param header the first row
 * @param rows the rest; blank rows are already dropped
 */
public record Table(Path source, List<String> header, List<Row> rows) {

    /** One data row; {@code number} is the 1-based line (CSV) or row (XLSX) number a person would look for. */
    public record Row(int number, List<String> cells) {
        public String get(int column) {
            return column < 0 || column >= cells.size() ? "" : cells.get(column).strip();
        }
    }

    public Table {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    static Table of(Path source, List<Row> all) {
        if (all.isEmpty()) {
            throw new DatasetException(source.toAbsolutePath() + " is empty: expected a header row and data rows.");
        }
        List<Row> data = new ArrayList<>();
        for (Row r : all.subList(1, all.size())) {
            if (r.cells().stream().anyMatch(c -> !c.isBlank())) {
                data.add(r);
            }
        }
        return new Table(source, all.get(0).cells(), data);
    }

    /** The first column whose header is one of {@code names}. */
    public Optional<Integer> column(String... names) {
        for (String name : names) {
            for (int i = 0; i < header.size(); i++) {
                if (normalise(header.get(i)).equals(normalise(name))) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    public int requireColumn(String... names) {
        return column(names).orElseThrow(() -> new DatasetException(source.toAbsolutePath() + " has no column "
                + String.join(" or ", names) + "; its header is " + header + "."));
    }

    /** "file.csv row 7" style location for messages. */
    public String where(Row row) {
        return source.getFileName() + " row " + row.number();
    }

    private static String normalise(String s) {
        return s.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", " ");
    }
}
