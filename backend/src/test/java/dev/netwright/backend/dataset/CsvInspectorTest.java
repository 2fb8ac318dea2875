package dev.netwright.backend.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.dataset.CsvInspector.ColumnType;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvInspectorTest {
    @Test
    void readsQuotedFieldsWithSeparatorsNewlinesAndDoubledQuotes() throws IOException {
        Csv csv = new Csv(new StringReader("a,\"b,c\",\"line\nbreak\",\"say \"\"hi\"\"\"\r\n1,2,3,4"), ',');
        assertThat(csv.next()).containsExactly("a", "b,c", "line\nbreak", "say \"hi\"");
        assertThat(csv.next()).containsExactly("1", "2", "3", "4");
        assertThat(csv.next()).isNull();
    }

    @Test
    void infersTheNarrowestCommonType() {
        assertThat(CsvInspector.typeOf("12")).isEqualTo(ColumnType.INTEGER);
        assertThat(CsvInspector.typeOf("-1.5e3")).isEqualTo(ColumnType.NUMBER);
        assertThat(CsvInspector.typeOf("TRUE")).isEqualTo(ColumnType.BOOLEAN);
        assertThat(CsvInspector.typeOf("Infinity")).isEqualTo(ColumnType.TEXT);
        assertThat(CsvInspector.widen(ColumnType.INTEGER, ColumnType.NUMBER)).isEqualTo(ColumnType.NUMBER);
        assertThat(CsvInspector.widen(ColumnType.INTEGER, ColumnType.BOOLEAN)).isEqualTo(ColumnType.TEXT);
        assertThat(CsvInspector.widen(ColumnType.EMPTY, ColumnType.BOOLEAN)).isEqualTo(ColumnType.BOOLEAN);
    }

    @Test
    void classFoldersWithOrWithoutACommonRoot() {
        var flat = ZipExtractor.summarise(List.of("cats/1.png", "dogs/2.png", "dogs/3.png"), 0, 10);
        assertThat(flat.root()).isEmpty();
        assertThat(flat.classes()).extracting(ZipExtractor.ClassFolder::images).containsExactly(1, 2);
        var rooted = ZipExtractor.summarise(List.of("set/cats/1.png", "set/dogs/2.png"), 0, 10);
        assertThat(rooted.root()).isEqualTo("set/");
        assertThat(rooted.classes()).extracting(ZipExtractor.ClassFolder::name).containsExactly("cats", "dogs");
    }
}
