package org.biradsrepro.data.layout;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Small files for layout tests: PNGs with unique content, DICOM stubs, CSVs and XLSX workbooks. */
final class DatasetFiles {

    private DatasetFiles() {}

    /** A 4x3 gray PNG whose pixels depend on {@code value}: different values, different content. */
    static Path png(Path file, int value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    img.getRaster().setSample(x, y, 0, (value * 7 + x + 4 * y) & 0xFF);
                }
            }
            img.getRaster().setSample(0, 0, 0, value & 0xFF);
            img.getRaster().setSample(1, 0, 0, (value >> 8) & 0xFF);
            ImageIO.write(img, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes a DICOM Part 10 file starts with (128-byte preamble, "DICM") and a marker making the content
     * unique: enough for path and label discovery, which never decodes pixels.
     */
    static Path dicomStub(Path file, String marker) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] head = new byte[132];
            System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, head, 128, 4);
            byte[] tail = marker.getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            Files.write(file, all);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path text(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An XLSX workbook as Excel writes one (ECMA-376): strings in the shared-string table, numbers as {@code <v>},
     * cells addressed by reference. The data sheet is the first in the workbook but stored under a part name that
     * is not sheet1.xml, and a second sheet follows, so a reader must follow the workbook's relationships.
     * Cells are String (shared), Integer/Double (number) or {@code Inline} (inline string).
     */
    static Path xlsx(Path file, List<List<Object>> rows) {
        List<String> shared = new ArrayList<>();
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (int r = 0; r < rows.size(); r++) {
            sheet.append("<row r=\"").append(r + 1).append("\">");
            List<Object> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v == null) {
                    continue;
                }
                String ref = (char) ('A' + c) + Integer.toString(r + 1);
                if (v instanceof String s) {
                    shared.add(s);
                    sheet.append("<c r=\"").append(ref).append("\" t=\"s\"><v>").append(shared.size() - 1).append("</v></c>");
                } else if (v instanceof Inline in) {
                    sheet.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(escape(in.text()))
                            .append("</t></is></c>");
                } else {
                    sheet.append("<c r=\"").append(ref).append("\"><v>").append(v).append("</v></c>");
                }
            }
            sheet.append("</row>");
        }
        sheet.append("</sheetData></worksheet>");
        StringBuilder sst = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" + shared.size()
                + "\" uniqueCount=\"" + shared.size() + "\">");
        // Excel splits formatted text into runs: the value is their concatenation.
        for (String s : shared) {
            int half = s.length() / 2;
            sst.append("<si><r><t>").append(escape(s.substring(0, half))).append("</t></r><r><rPr><b/></rPr><t>")
                    .append(escape(s.substring(half))).append("</t></r></si>");
        }
        sst.append("</sst>");
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + main
                    + "\" xmlns:r=\"" + rel + "\"><sheets><sheet name=\"Images\" sheetId=\"1\" r:id=\"rId7\"/>"
                    + "<sheet name=\"Notes\" sheetId=\"2\" r:id=\"rId3\"/></sheets></workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships"
                    + " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId3\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId7\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
                    + "</Relationships>");
            put(zip, "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\""
                    + main + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>not this sheet</t></is></c>"
                    + "</row></sheetData></worksheet>");
            put(zip, "xl/worksheets/sheet2.xml", sheet.toString());
            put(zip, "xl/sharedStrings.xml", sst.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    record Inline(String text) {}

    private static void put(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
