package org.biradsrepro.data.table;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.biradsrepro.data.DatasetException;

/**
 * RFC 4180 CSV, parsed by Apache Commons CSV ({@link CSVFormat#RFC4180}): comma-separated, fields optionally in
 * double quotes, a doubled quote inside quotes is a quote, quoted fields may hold commas and line breaks; lines end
 * in CRLF, LF or CR. What this class adds on top: the file must be UTF-8, checked strictly before parsing (a byte
 * that is not UTF-8 is an error naming the file, line and byte, never a silent mangling of a path); a UTF-8
 * byte-order mark (Excel writes one) is dropped; each row carries the line it starts on; quoting errors name the
 * file and line.
 */
public final class Csv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private Csv() {}

    public static Table read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return Table.of(file, parse(strictUtf8(bytes, file), file));
    }

    static List<Table.Row> parse(String text, Path file) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Table.Row> rows = new ArrayList<>();
        int start = 1;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(body)).setFormat(FORMAT).get()) {
            // hasNext() reads the next record: the line count before it is where that record starts.
            for (Iterator<CSVRecord> it = parser.iterator(); ; ) {
                start = (int) parser.getCurrentLineNumber() + 1;
                if (!it.hasNext()) {
                    break;
                }
                rows.add(new Table.Row(start, it.next().toList()));
            }
        } catch (UncheckedIOException | IOException e) {
            String detail = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().getMessage()
                    : e.getMessage();
            String what = detail != null && detail.toLowerCase(Locale.ROOT).contains("eof reached before encapsulated")
                    ? "a quoted field is never closed."
                    : "text after a closing quote; a quote inside a quoted field must be doubled (\"\").";
            throw new DatasetException(file.toAbsolutePath() + " line " + start + ": " + what + " (" + detail + ")", e);
        }
        return rows;
    }

    /** The bytes as UTF-8, or an error naming the file, the line and the first byte that is not UTF-8. */
    static String strictUtf8(byte[] bytes, Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new DatasetException(String.format(Locale.ROOT,
                    "%s line %d is not UTF-8 text (byte 0x%02X at offset %d); save the file as UTF-8 CSV.",
                    file.toAbsolutePath(), lineOf(bytes, at), bytes[at] & 0xFF, at));
        }
        return out.flip().toString();
    }

    /** The 1-based line holding byte {@code offset}; CRLF, LF and CR each end a line. */
    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
