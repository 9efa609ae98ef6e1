package org.biradsrepro.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, a doubled quote inside quotes is a quote,
 * quoted fields may hold commas and line breaks; lines end in CRLF or LF. A UTF-8 byte-order mark (Excel writes
 * one) is dropped. The file must be UTF-8: anything else is an error naming the file, never a silent mangling.
 */
final class Csv {

    private Csv() {}

    static Table read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new DatasetException(file.toAbsolutePath() + " is not UTF-8 text; save it as UTF-8 CSV.", e);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return Table.of(file, parse(text, file));
    }

    static List<Table.Row> parse(String text, Path file) {
        List<Table.Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int rowStart = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        int quoteLine = 0;
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.isEmpty() && !afterQuote) {
                quoted = true;
                quoteLine = line;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                rows.add(new Table.Row(rowStart, List.copyOf(cells)));
                cells.clear();
                cell.setLength(0);
                afterQuote = false;
                line++;
                rowStart = line;
            } else if (afterQuote) {
                throw new DatasetException(file.toAbsolutePath() + " line " + line
                        + ": text after a closing quote; a quote inside a quoted field must be doubled (\"\").");
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new DatasetException(file.toAbsolutePath() + " line " + quoteLine
                    + ": a quoted field is never closed.");
        }
        if (!cell.isEmpty() || !cells.isEmpty() || afterQuote) {
            cells.add(cell.toString());
            rows.add(new Table.Row(rowStart, List.copyOf(cells)));
        }
        return rows;
    }
}
