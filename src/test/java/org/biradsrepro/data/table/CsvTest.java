package org.biradsrepro.data.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.data.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 4180 cases; expected cells are what Python's csv module (the strict dialect) reads from the same text. */
class CsvTest {

    @TempDir
    Path dir;

    private static List<List<String>> cells(String text) {
        return Csv.parse(text, Path.of("t.csv")).stream().map(Table.Row::cells).toList();
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        assertThat(cells("path,birads\n\"a, b.png\",3\n\"say \"\"hi\"\".png\",2\n\"two\nlines.png\",1\n"))
                .containsExactly(List.of("path", "birads"), List.of("a, b.png", "3"), List.of("say \"hi\".png", "2"),
                        List.of("two\nlines.png", "1"));
    }

    @Test
    void rowNumbersAreTheLinesARowStartsOn() {
        List<Table.Row> rows = Csv.parse("h\n\"x\ny\"\nz\n", Path.of("t.csv"));

        assertThat(rows).extracting(Table.Row::number).containsExactly(1, 2, 4);
    }

    @Test
    void crlfLfAndAMissingFinalNewlineAllEndRows() {
        assertThat(cells("a,b\r\n1,2\n3,4")).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
        assertThat(cells("a,b\r\n1,2\r\n")).containsExactly(List.of("a", "b"), List.of("1", "2"));
    }

    @Test
    void emptyFieldsAreKept() {
        assertThat(cells("a,,c\n,,\n\"\",x,\n")).containsExactly(List.of("a", "", "c"), List.of("", "", ""),
                List.of("", "x", ""));
    }

    @Test
    void aByteOrderMarkIsDroppedSoTheFirstHeaderStillMatches() throws IOException {
        Path file = dir.resolve("m.csv");
        Files.write(file, ("\uFEFFpath,birads\r\nx.png,1\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Table t = Csv.read(file);

        assertThat(t.header()).containsExactly("path", "birads");
        assertThat(t.column("path")).contains(0);
        assertThat(t.rows()).singleElement().extracting(Table.Row::cells).isEqualTo(List.of("x.png", "1"));
    }

    @Test
    void anUnclosedQuoteIsAnErrorNamingFileAndLine() {
        assertThatThrownBy(() -> Csv.parse("a\n\"open\nstill open\n", Path.of("m.csv")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("m.csv line 2")
                .hasMessageContaining("never closed");
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        assertThatThrownBy(() -> Csv.parse("a\n\"x\"y\n", Path.of("m.csv")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("doubled");
    }

    @Test
    void nonUtf8ContentIsAnErrorNotAMangledPath() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, new byte[] {'p', ',', 'b', '\n', 'c', (byte) 0xE9, '.', 'p', 'n', 'g', ',', '1', '\n'});

        assertThatThrownBy(() -> Csv.read(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("latin1.csv line 2")
                .hasMessageContaining("not UTF-8")
                .hasMessageContaining("0xE9");
    }

    @Test
    void aTruncatedUtf8SequenceOnALaterLineNamesThatLine() throws IOException {
        Path file = dir.resolve("cut.csv");
        byte[] head = "path,birads\r\n\"two\nlines.png\",1\r\nx".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = (byte) 0xC3; // the first byte of a two-byte sequence, then a comma
        bytes[head.length + 1] = ',';
        Files.write(file, bytes);

        assertThatThrownBy(() -> Csv.read(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("cut.csv line 4")
                .hasMessageContaining("0xC3");
    }

    @Test
    void crAloneEndsARowAndAnEmptyLineIsABlankRow() {
        assertThat(cells("a,b\r1,2\n\n3,4\n")).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of(""),
                List.of("3", "4"));
        assertThat(Csv.parse("a\r\n\r\nb\r\n", Path.of("t.csv"))).extracting(Table.Row::number).containsExactly(1, 2, 3);
    }

    @Test
    void headerLookUpIgnoresCaseSpacesAndUnderscores() {
        Table t = Table.of(Path.of("x.csv"), List.of(new Table.Row(1, List.of("Patient_ID", " image file path ", "left or right breast"))));

        assertThat(t.column("patient id")).contains(0);
        assertThat(t.column("image_file_path")).contains(1);
        assertThat(t.column("LEFT OR RIGHT BREAST")).contains(2);
        assertThatThrownBy(() -> t.requireColumn("assessment"))
                .hasMessageContaining("no column assessment")
                .hasMessageContaining("Patient_ID");
    }
}
