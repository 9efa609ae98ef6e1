package org.biradsrepro.data.table;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.biradsrepro.data.DatasetException;

/**
 * The first worksheet of an XLSX file as text, read with {@code java.util.zip} and the JDK's StAX parser.
 *
 * <p>Why not Apache POI: it resolves here, but poi-ooxml brings xmlbeans, commons-compress, commons-io,
 * commons-collections4, log4j-api and more (about 20 MB) to read two text columns. An XLSX sheet is a zip of small
 * XML parts (ECMA-376 part 1, 18.3 sheetData and 18.4 shared strings); this reads cell values only: shared and
 * inline strings, numbers and booleans as written, no formulas evaluated (their cached value is used), no dates
 * converted. DTDs and external entities are refused, and each part is capped in size, so a hostile file cannot
 * expand without bound.
 */
public final class Xlsx {

    private static final long MAX_PART_BYTES = 64L << 20;

    private Xlsx() {}

    public static Table read(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> shared = zip.getEntry("xl/sharedStrings.xml") == null ? List.of()
                    : sharedStrings(part(zip, "xl/sharedStrings.xml", file));
            String sheet = firstSheet(zip, file);
            return Table.of(file, rows(part(zip, sheet, file), shared, file));
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file.toAbsolutePath() + " as an XLSX workbook: " + e.getMessage(), e);
        } catch (XMLStreamException | NumberFormatException e) {
            throw new DatasetException(file.toAbsolutePath() + " is not a well-formed XLSX workbook: " + e.getMessage(), e);
        }
    }

    /** The part of the first sheet in workbook order, via the workbook's relationships. */
    private static String firstSheet(ZipFile zip, Path file) throws IOException, XMLStreamException {
        String relId = null;
        XMLStreamReader r = parser(part(zip, "xl/workbook.xml", file));
        while (r.hasNext() && relId == null) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("sheet")) {
                for (int a = 0; a < r.getAttributeCount(); a++) {
                    if (r.getAttributeLocalName(a).equals("id")) {
                        relId = r.getAttributeValue(a);
                    }
                }
            }
        }
        if (relId == null) {
            throw new DatasetException(file.toAbsolutePath() + " has no worksheet.");
        }
        XMLStreamReader rels = parser(part(zip, "xl/_rels/workbook.xml.rels", file));
        while (rels.hasNext()) {
            if (rels.next() == XMLStreamConstants.START_ELEMENT && rels.getLocalName().equals("Relationship")
                    && relId.equals(rels.getAttributeValue(null, "Id"))) {
                String target = rels.getAttributeValue(null, "Target");
                return target.startsWith("/") ? target.substring(1) : "xl/" + target;
            }
        }
        throw new DatasetException(file.toAbsolutePath() + ": the first worksheet (" + relId + ") has no part.");
    }

    private static List<String> sharedStrings(byte[] xml) throws XMLStreamException {
        List<String> out = new ArrayList<>();
        XMLStreamReader r = parser(xml);
        StringBuilder item = null;
        boolean inText = false;
        int phonetic = 0;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "si" -> item = new StringBuilder();
                    case "t" -> inText = phonetic == 0;
                    case "rPh" -> phonetic++; // phonetic hints (furigana) are not part of the value
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "si" -> out.add(item.toString());
                    case "t" -> inText = false;
                    case "rPh" -> phonetic--;
                    default -> { }
                }
            } else if (inText && item != null && (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA)) {
                item.append(r.getText());
            }
        }
        return out;
    }

    private static List<Table.Row> rows(byte[] xml, List<String> shared, Path file) throws XMLStreamException {
        List<Table.Row> rows = new ArrayList<>();
        XMLStreamReader r = parser(xml);
        TreeMap<Integer, String> cells = null;
        int rowNumber = 0;
        int column = -1;
        String type = null;
        StringBuilder value = new StringBuilder();
        boolean inValue = false;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "row" -> {
                        String n = r.getAttributeValue(null, "r");
                        rowNumber = n == null ? rowNumber + 1 : Integer.parseInt(n);
                        cells = new TreeMap<>();
                        column = -1;
                    }
                    case "c" -> {
                        String ref = r.getAttributeValue(null, "r");
                        column = ref == null ? column + 1 : columnIndex(ref);
                        type = r.getAttributeValue(null, "t");
                        value.setLength(0);
                    }
                    case "v", "t" -> inValue = true;
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "v", "t" -> inValue = false;
                    case "c" -> cells.put(column, cellText(type, value.toString(), shared, file, rowNumber));
                    case "row" -> rows.add(new Table.Row(rowNumber, dense(cells)));
                    default -> { }
                }
            } else if (inValue && (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA)) {
                value.append(r.getText());
            }
        }
        return rows;
    }

    private static String cellText(String type, String raw, List<String> shared, Path file, int row) {
        if ("s".equals(type)) {
            int i = Integer.parseInt(raw.strip());
            if (i < 0 || i >= shared.size()) {
                throw new DatasetException(file.toAbsolutePath() + " row " + row + ": shared string " + i
                        + " does not exist (the workbook has " + shared.size() + ").");
            }
            return shared.get(i);
        }
        if ("b".equals(type)) {
            return raw.strip().equals("1") ? "TRUE" : "FALSE";
        }
        if (type == null || "n".equals(type)) {
            // Excel stores whole numbers typed as numbers like "3" but may write "3.0" or "3.0000000000000004";
            // a BI-RADS cell is read by the caller, which rejects a fraction rather than rounding it.
            return raw.strip();
        }
        return raw; // inlineStr, str (formula result), e (error text such as #N/A)
    }

    private static List<String> dense(Map<Integer, String> cells) {
        int width = cells.isEmpty() ? 0 : ((TreeMap<Integer, String>) cells).lastKey() + 1;
        List<String> out = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            out.add(cells.getOrDefault(i, ""));
        }
        return out;
    }

    /** "A1" -> 0, "Z9" -> 25, "AA3" -> 26. */
    static int columnIndex(String ref) {
        int col = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        if (i == 0) {
            throw new NumberFormatException("cell reference without a column: " + ref);
        }
        return col - 1;
    }

    private static byte[] part(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new DatasetException(file.toAbsolutePath() + " lacks the XLSX part " + name + "; is it an XLSX workbook?");
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes((int) MAX_PART_BYTES + 1);
            if (bytes.length > MAX_PART_BYTES) {
                throw new DatasetException(file.toAbsolutePath() + ": part " + name + " expands beyond "
                        + (MAX_PART_BYTES >> 20) + " MB; refusing it.");
            }
            return bytes;
        }
    }

    private static XMLStreamReader parser(byte[] xml) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

}
