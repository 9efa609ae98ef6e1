package org.biradsrepro.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Escaping is what the builder does unless told otherwise: text, attribute values and link texts. */
class HtmlBuilderTest {

    private static final String ATTACK = "\"><script>alert('x')</script>&";
    private static final String ESCAPED = "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;";

    @Test
    void textAndAttributeValuesAreEscaped() {
        StringBuilder out = new StringBuilder();
        new HtmlBuilder(out).open("td", "title", ATTACK).text(ATTACK).close("td").element("code", ATTACK);

        assertThat(out).hasToString("<td title=\"" + ESCAPED + "\">" + ESCAPED + "</td><code>" + ESCAPED + "</code>");
    }

    @Test
    void fileLinksEncodeTheHrefAndEscapeTheText() {
        StringBuilder out = new StringBuilder();
        new HtmlBuilder(out).fileLink("results", "a b?#.json", ATTACK);

        assertThat(out).hasToString("<a href=\"results/a%20b%3F%23.json\">" + ESCAPED + "</a>");
    }

    @Test
    void tagAndAttributeNamesMustBePlainNames() {
        HtmlBuilder h = new HtmlBuilder(new StringBuilder());

        assertThatThrownBy(() -> h.open("td onclick=alert(1)")).hasMessageContaining("not a plain tag");
        assertThatThrownBy(() -> h.open("td", "on\"x", "1")).hasMessageContaining("not a plain tag");
        assertThatThrownBy(() -> h.open("td", "title")).hasMessageContaining("pairs");
    }
}
