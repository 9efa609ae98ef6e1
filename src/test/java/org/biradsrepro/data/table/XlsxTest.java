package org.biradsrepro.data.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XlsxTest {

    @Test
    void columnIndexFollowsSpreadsheetLetters() {
        assertThat(Xlsx.columnIndex("A1")).isZero();
        assertThat(Xlsx.columnIndex("Z10")).isEqualTo(25);
        assertThat(Xlsx.columnIndex("AA3")).isEqualTo(26);
        assertThat(Xlsx.columnIndex("BC7")).isEqualTo(54);
    }
}
