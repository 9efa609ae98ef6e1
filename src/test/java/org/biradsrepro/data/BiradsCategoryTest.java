package org.biradsrepro.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BiradsCategoryTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "'BI-RADS 3' | 3",
        "'BIRADS_3'  | 3",
        "'Birad3'    | 3",
        "'birads3'   | 3",
        "'3'         | 3",
        "'bi-rads-3' | 3",
        "'BI-RADS 0' | 0",
        "'BI-RADS 5' | 5",
        "'birads_0'  | 0",
        "'Bi Rads 4' | 4",
        "'5'         | 5",
    })
    void acceptedSpellings(String folder, int category) {
        assertThat(BiradsCategory.fromFolderName(folder)).contains(category);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"6", "BI-RADS 6", "BI-RADS 4A", "BI-RADS 4a", "notes", "", "BI-RADS", "33", "-1",
        "BI-RADS 3 copy", "class3", "3.png", "BI-RADS 3/4"})
    void rejectedNames(String folder) {
        assertThat(BiradsCategory.fromFolderName(folder)).isEmpty();
    }

    @Test
    void displayNameSpellsTheCategory() {
        assertThat(BiradsCategory.displayName(0)).isEqualTo("BI-RADS 0");
        assertThat(BiradsCategory.displayName(5)).isEqualTo("BI-RADS 5");
    }

    @Test
    void displayNameRejectsCategoriesOutsideZeroToFive() {
        assertThatThrownBy(() -> BiradsCategory.displayName(6)).hasMessageContaining("6");
        assertThatThrownBy(() -> BiradsCategory.displayName(-1)).hasMessageContaining("-1");
    }
}
